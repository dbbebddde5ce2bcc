package dev.udfshim.runtime.cli;

import dev.udfshim.runtime.client.SignatureChooser;
import dev.udfshim.runtime.client.SignatureChooser.Chosen;
import dev.udfshim.runtime.extraction.ExtractedUdf;
import dev.udfshim.runtime.extraction.ExtractionException;
import dev.udfshim.runtime.extraction.UdfExtractor;
import dev.udfshim.runtime.extraction.UdfSignature;
import java.util.List;
import java.util.function.Predicate;
import picocli.CommandLine.Option;

/** The options that choose a signature of a UDF: by index, by argument types, or the only one. */
final class SignatureChoice {
  @Option(
      names = "--signature",
      paramLabel = "<n>",
      description = "Index of the signature, as `extract` lists them (0 is the first).")
  Integer index;

  @Option(
      names = "--types",
      paramLabel = "<type>",
      description =
          "Argument types of the signature, one per option, as Flink type strings (e.g. --types"
              + " BIGINT --types 'DECIMAL(10, 2)'); nullability is ignored.")
  List<String> types;

  /** Loads the class and picks a signature; {@code fits} narrows the default choice. */
  Chosen choose(String className, ClassLoader loader, Predicate<UdfSignature> fits) {
    ExtractedUdf udf;
    try {
      udf = new UdfExtractor(loader).inspect(className);
    } catch (ExtractionException e) {
      throw new IllegalArgumentException(e.getMessage() + " (" + e.code() + ")");
    }
    return SignatureChooser.choose(udf, className, index, types, loader, fits);
  }
}
