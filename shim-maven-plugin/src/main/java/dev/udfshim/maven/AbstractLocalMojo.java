package dev.udfshim.maven;

import com.google.gson.Gson;
import dev.udfshim.maven.isolation.IsolatedRuntime;
import dev.udfshim.maven.isolation.IsolationException;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;

/**
 * Shared by the goals that run the project's UDFs on this machine: extract them, write their specs,
 * and pick the function and signature asked for.
 */
abstract class AbstractLocalMojo extends AbstractShimMojo {

  /** Fully qualified class name of the UDF. Default: the project's only UDF, if it has one. */
  @Parameter(property = "function")
  protected String function;

  /** Index of the signature, as signatures.json and the extract table list them. */
  @Parameter(property = "signature")
  protected Integer signature;

  protected AbstractLocalMojo(RepositorySystem repositorySystem) {
    super(repositorySystem);
  }

  /**
   * Extracts and writes the specs in the given runtime, into {@code <shimDirectory>/local}: the
   * build's own signatures and specs, which the artifact is made of, are left as they are.
   */
  protected ExtractionReport prepare(IsolatedRuntime runtime) throws IsolationException {
    Gson gson = new Gson();
    String answer =
        runtime.call(
            BUILD_TOOLS,
            "extract",
            gson.toJson(
                Map.of(
                    "classesDirectory", project.getBuild().getOutputDirectory(),
                    "functions", function == null ? List.of() : List.of(function),
                    "signaturesFile", localDirectory().resolve("signatures.json").toString())));
    runtime.call(
        BUILD_TOOLS,
        "generateSpecs",
        gson.toJson(
            Map.of(
                "signaturesFile", localDirectory().resolve("signatures.json").toString(),
                "outputDirectory", localConfigDirectory().toString(),
                "pluginId", "")));
    return gson.fromJson(answer, ExtractionReport.class);
  }

  /** The function asked for, or the only one; fails with the choices otherwise. */
  protected ExtractionReport.Function chooseFunction(ExtractionReport report)
      throws MojoFailureException {
    for (ExtractionReport.Failure failure : report.errors()) {
      if (failure.className().equals(function)) {
        throw new MojoFailureException(
            failure.className() + ": " + failure.code() + ": " + failure.message());
      }
    }
    if (function != null) {
      return report.functions().stream()
          .filter(f -> f.className().equals(function))
          .findFirst()
          .orElseThrow(
              () ->
                  new MojoFailureException(
                      "No UDF '" + function + "' in this project; it has " + names(report) + "."));
    }
    if (report.functions().size() != 1) {
      throw new MojoFailureException(
          "Name the UDF with -Dfunction=<class>; this project has " + names(report) + ".");
    }
    return report.functions().get(0);
  }

  /** The signature asked for, or the only one; fails with the choices otherwise. */
  protected ExtractionReport.Signature chooseSignature(ExtractionReport.Function udf)
      throws MojoFailureException {
    List<ExtractionReport.Signature> signatures = udf.signatures();
    if (signature == null && signatures.size() == 1) {
      return signatures.get(0);
    }
    if (signature != null && signature >= 0 && signature < signatures.size()) {
      return signatures.get(signature);
    }
    throw new MojoFailureException(
        (signature == null ? "Choose" : "Signature " + signature + " does not exist; choose")
            + " one of the signatures of "
            + udf.className()
            + " with -Dsignature=<n>: "
            + signatures.stream()
                .map(s -> "[" + s.index() + "] (" + s.arguments() + ") -> " + s.returnType())
                .collect(Collectors.joining("; ")));
  }

  private Path localDirectory() {
    return shimDirectory.toPath().resolve("local");
  }

  /** The specs of local runs, laid out as gen-spec lays out the build's. */
  protected Path localConfigDirectory() {
    return localDirectory().resolve("scp_config");
  }

  /** The config override dir of one signature. */
  protected Path specDirectory(String className, int index) {
    return localConfigDirectory().resolve(className).resolve(String.valueOf(index));
  }

  private static String names(ExtractionReport report) {
    if (report.functions().isEmpty()) {
      return "no UDF";
    }
    return report.functions().stream()
        .map(ExtractionReport.Function::className)
        .collect(Collectors.joining(", "));
  }
}
