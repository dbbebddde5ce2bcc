package dev.udfshim.runtime.tooling;

import dev.udfshim.protocol.config.ConfigKeys;
import dev.udfshim.protocol.layout.ShimLayout;
import dev.udfshim.protocol.signatures.Signatures;
import dev.udfshim.protocol.signatures.Signatures.Failure;
import dev.udfshim.protocol.signatures.Signatures.Function;
import dev.udfshim.protocol.signatures.Signatures.Outcome;
import dev.udfshim.protocol.signatures.Signatures.Signature;
import dev.udfshim.protocol.signatures.SignaturesException;
import dev.udfshim.protocol.signatures.SignaturesJson;
import dev.udfshim.runtime.extraction.LegacyOverrides;
import dev.udfshim.tooling.ArchivePlan;
import dev.udfshim.tooling.BuildLayout;
import dev.udfshim.tooling.ExtractAnswer;
import dev.udfshim.tooling.ExtractRequest;
import dev.udfshim.tooling.InvokeAnswer;
import dev.udfshim.tooling.InvokeRequest;
import dev.udfshim.tooling.LocalConfig;
import dev.udfshim.tooling.LocalConfigRequest;
import dev.udfshim.tooling.RuntimeArchiveRequest;
import dev.udfshim.tooling.ServeLaunch;
import dev.udfshim.tooling.ServeRequest;
import dev.udfshim.tooling.ShimArchiveRequest;
import dev.udfshim.tooling.ShimTooling;
import dev.udfshim.tooling.SignatureInvokeRequest;
import dev.udfshim.tooling.SpecAnswer;
import dev.udfshim.tooling.SpecRequest;
import dev.udfshim.tooling.ToolingException;
import dev.udfshim.tooling.UdfArchiveRequest;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * The runtime's side of {@link ShimTooling}, found by the Maven plugin with ServiceLoader in a
 * class loader of the runtime and the project: a facade over the rooms of this package (discovery,
 * extraction, the spec tree, local configs, local calls, archive plans, the serve launch). The UDFs
 * are those of the loader that loaded this class.
 */
public final class BuildTools implements ShimTooling {
  private final ClassLoader loader;
  private final ExtractedUdfs udfs;

  /** For ServiceLoader: the UDFs of this class's own loader. */
  public BuildTools() {
    this(BuildTools.class.getClassLoader());
  }

  BuildTools(ClassLoader loader) {
    this.loader = loader;
    this.udfs = new ExtractedUdfs(loader);
  }

  @Override
  public BuildLayout layout(Path shimDirectory) {
    Path testClassPath = shimDirectory.resolve(ShimLayout.TEST_CLASSPATH);
    return new BuildLayout(
        shimDirectory.resolve(ShimLayout.SIGNATURES),
        shimDirectory.resolve(ShimLayout.CONFIG_ROOT),
        shimDirectory.resolve(ShimLayout.LOCAL),
        testClassPath,
        testClassPath.resolve(ShimLayout.TEST_FLINK));
  }

  @Override
  public ExtractAnswer extract(ExtractRequest request) {
    List<String> names;
    List<UdfDiscovery.NotHosted> notHosted;
    if (request.functions().isEmpty()) {
      UdfDiscovery.Found found = UdfDiscovery.find(request.classesDirectory(), loader);
      names = found.hosted();
      notHosted = found.notHosted();
    } else {
      names = request.functions();
      notHosted = List.of();
    }
    List<Function> functions = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (Outcome outcome : Extraction.extractAll(names, loader)) {
      if (outcome instanceof Function function) {
        functions.add(function);
      } else if (outcome instanceof Failure failure) {
        failures.add(failure);
      }
    }
    Signatures signatures = new Signatures(version(), functions, failures);
    Path file = layout(request.shimDirectory()).signaturesFile();
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, SignaturesJson.write(signatures), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
    ExtractAnswer answer = answer(file, signatures);
    List<String> warnings = new ArrayList<>();
    notHosted.forEach(n -> warnings.add(n.warning()));
    warnings.addAll(SqlCallability.warnings(functions, loader));
    warnings.addAll(legacyWarnings(answer.functions()));
    return new ExtractAnswer(
        file,
        answer.functions(),
        answer.failures(),
        ExtractionTable.lines(answer.functions(), notHosted, answer.failures()),
        warnings);
  }

  /** What the extracted UDFs do that the shim (as Flink) ignores. */
  private List<String> legacyWarnings(List<ExtractAnswer.Function> functions) {
    List<String> warnings = new ArrayList<>();
    for (ExtractAnswer.Function function : functions) {
      try {
        warnings.addAll(
            LegacyOverrides.warnings(
                Class.forName(function.className(), false, loader),
                function.signatures().stream().map(ExtractAnswer.Signature::text).toList()));
      } catch (ClassNotFoundException | LinkageError e) {
        // extracted a moment ago: it loads
      }
    }
    return warnings;
  }

  @Override
  public ExtractAnswer readSignatures(Path shimDirectory) throws ToolingException {
    Path file = layout(shimDirectory).signaturesFile();
    return answer(file, read(file));
  }

  @Override
  public SpecAnswer generateSpecs(SpecRequest request) throws ToolingException {
    BuildLayout layout = layout(request.shimDirectory());
    List<String> files =
        SpecTree.write(
            layout.configDirectory(), read(layout.signaturesFile()), request.pluginId(), loader);
    return new SpecAnswer(layout.configDirectory(), ConfigKeys.SPEC_VAR, files);
  }

  @Override
  public ArchivePlan shimArchive(ShimArchiveRequest request) throws ToolingException {
    return ArchivePlans.shim(request, layout(request.shimDirectory()), version());
  }

  @Override
  public ArchivePlan udfArchive(UdfArchiveRequest request) {
    return ArchivePlans.udf(request);
  }

  @Override
  public List<String> udfArchiveWarnings(UdfArchiveRequest request) {
    return BundledLogging.warnings(request);
  }

  @Override
  public ArchivePlan runtimeArchive(RuntimeArchiveRequest request) {
    return ArchivePlans.runtime(request, version());
  }

  @Override
  public LocalConfig localConfig(LocalConfigRequest request) throws ToolingException {
    return LocalConfigs.write(request, udfs, loader);
  }

  @Override
  public ServeLaunch serveLaunch(ServeRequest request) {
    return ServeLaunches.of(request);
  }

  @Override
  public InvokeAnswer invoke(InvokeRequest request) throws ToolingException {
    return LocalInvoke.invoke(request, udfs, loader);
  }

  @Override
  public InvokeAnswer invoke(SignatureInvokeRequest request) {
    return LocalInvoke.invoke(request, loader);
  }

  /** signatures.json as an extraction answer, with the build log's table. */
  private static ExtractAnswer answer(Path file, Signatures signatures) {
    List<ExtractAnswer.Function> functions = new ArrayList<>();
    for (Function f : signatures.functions()) {
      List<ExtractAnswer.Signature> list = new ArrayList<>();
      for (Signature s : f.signatures()) {
        list.add(
            new ExtractAnswer.Signature(
                s.index(),
                s.argumentNames(),
                s.argumentTypes(),
                s.returnType(),
                s.argumentOptional()));
      }
      functions.add(new ExtractAnswer.Function(f.className(), f.kind(), f.deterministic(), list));
    }
    List<ExtractAnswer.Failure> failures = new ArrayList<>();
    for (Failure f : signatures.errors()) {
      failures.add(new ExtractAnswer.Failure(f.className(), f.code(), f.message()));
    }
    return new ExtractAnswer(
        file, functions, failures, ExtractionTable.lines(functions, List.of(), failures));
  }

  /** The signatures file, read and checked by its one reader. */
  private Signatures read(Path file) throws ToolingException {
    try {
      return SignaturesJson.read(file, loader);
    } catch (IOException e) {
      throw new ToolingException(
          file + " cannot be read (" + e.getMessage() + "); extract the project's UDFs first.", e);
    } catch (SignaturesException e) {
      throw new ToolingException(e.getMessage(), e);
    }
  }

  private static String version() {
    String version = BuildTools.class.getPackage().getImplementationVersion();
    return version != null ? version : "development";
  }
}
