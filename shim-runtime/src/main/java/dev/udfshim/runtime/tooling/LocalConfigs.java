package dev.udfshim.runtime.tooling;

import dev.udfshim.protocol.config.ConfigKeys;
import dev.udfshim.protocol.layout.ShimLayout;
import dev.udfshim.runtime.client.ArgsSplitter;
import dev.udfshim.runtime.client.SignatureChooser;
import dev.udfshim.runtime.client.SignatureChooser.Chosen;
import dev.udfshim.runtime.extraction.ExtractedUdf;
import dev.udfshim.tooling.LocalConfig;
import dev.udfshim.tooling.LocalConfigRequest;
import dev.udfshim.tooling.ToolingException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/**
 * The config override dir of a server on this machine, laid out as the build's: {@code
 * scp_config/<class>/<n>/} with the spec, and the job parameters as config var files beside it, as
 * the platform hands them to the handler.
 */
final class LocalConfigs {
  private LocalConfigs() {}

  static LocalConfig write(LocalConfigRequest request, ExtractedUdfs udfs, ClassLoader loader)
      throws ToolingException {
    for (String key : request.jobParameters().keySet()) {
      Optional<String> problem = ConfigKeys.jobParameterProblem(key);
      if (problem.isPresent()) {
        throw new ToolingException(problem.get());
      }
    }
    if (request.className() == null) {
      Path empty = request.shimDirectory().resolve(ShimLayout.EMPTY_CONFIG);
      try {
        Files.createDirectories(empty);
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot create " + empty, e);
      }
      return new LocalConfig(empty, null);
    }
    ExtractedUdf udf = udfs.get(request.className());
    List<String> values = request.args() == null ? null : ArgsSplitter.split(request.args());
    Chosen chosen;
    try {
      chosen =
          SignatureChooser.choose(
              udf,
              request.className(),
              request.signature(),
              null,
              loader,
              s -> values == null || s.takes(values.size()));
    } catch (IllegalArgumentException e) {
      throw new ToolingException(e.getMessage(), e);
    }
    Map<String, String> files = new TreeMap<>(request.jobParameters());
    files.put(
        ConfigKeys.SPEC_VAR, SpecTree.specText(chosen.signature().spec("", request.className())));
    Path directory =
        request
            .shimDirectory()
            .resolve(ShimLayout.CONFIG_ROOT)
            .resolve(ShimLayout.signatureDirectory(request.className(), chosen.index()))
            .toAbsolutePath();
    SpecTree.writeTree(directory, files);
    return new LocalConfig(directory, chosen.index());
  }
}
