package dev.udfshim.runtime.cli;

import dev.udfshim.runtime.extraction.ExtractedUdf;
import dev.udfshim.runtime.extraction.ExtractionException;
import dev.udfshim.runtime.extraction.UdfExtractor;
import dev.udfshim.runtime.extraction.UdfSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;
import picocli.CommandLine.Option;

/** Which signature of a UDF a tool works with: by index, by argument types, or the only one. */
public final class SignatureChoice {
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

  /** By index, or (null) the only signature that fits. */
  public static SignatureChoice of(Integer index) {
    SignatureChoice choice = new SignatureChoice();
    choice.index = index;
    return choice;
  }

  /** Loads the class and picks a signature; {@code fits} narrows the default choice. */
  public Chosen choose(String className, ClassLoader loader, Predicate<UdfSignature> fits) {
    ExtractedUdf udf;
    try {
      udf = new UdfExtractor(loader).inspect(className);
    } catch (ExtractionException e) {
      throw new IllegalArgumentException(e.getMessage() + " (" + e.code() + ")");
    }
    return choose(udf, className, loader, fits);
  }

  /** Picks a signature of a UDF already extracted. */
  public Chosen choose(
      ExtractedUdf udf, String className, ClassLoader loader, Predicate<UdfSignature> fits) {
    List<UdfSignature> signatures = udf.signatures();
    if (index != null) {
      if (index < 0 || index >= signatures.size()) {
        throw new IllegalArgumentException(
            "--signature "
                + index
                + " does not exist; '"
                + className
                + "' has "
                + listing(signatures));
      }
      return new Chosen(udf, signatures.get(index), index);
    }
    List<Integer> candidates = new ArrayList<>();
    for (int i = 0; i < signatures.size(); i++) {
      if (types != null ? matchesTypes(signatures.get(i), loader) : fits.test(signatures.get(i))) {
        candidates.add(i);
      }
    }
    if (candidates.isEmpty() && types == null && signatures.size() == 1) {
      // The only signature: the caller's own check says precisely why the input does not fit.
      return new Chosen(udf, signatures.get(0), 0);
    }
    if (candidates.size() != 1) {
      throw new IllegalArgumentException(
          (candidates.isEmpty() ? "No" : "More than one")
              + " signature of '"
              + className
              + "' fits; choose one with --signature <n> from "
              + listing(signatures));
    }
    return new Chosen(udf, signatures.get(candidates.get(0)), candidates.get(0));
  }

  private boolean matchesTypes(UdfSignature signature, ClassLoader loader) {
    if (signature.argumentTypes().size() != types.size()) {
      return false;
    }
    for (int i = 0; i < types.size(); i++) {
      LogicalType wanted;
      try {
        wanted = LogicalTypeParser.parse(types.get(i), loader);
      } catch (ValidationException e) {
        throw new IllegalArgumentException(
            "--types '" + types.get(i) + "' is not a Flink type string: " + e.getMessage());
      }
      if (!UdfSignature.sameIgnoringNullability(
          signature.argumentTypes().get(i).getLogicalType(), wanted)) {
        return false;
      }
    }
    return true;
  }

  static String listing(List<UdfSignature> signatures) {
    StringBuilder text = new StringBuilder(signatures.size() + " signature(s):");
    for (int i = 0; i < signatures.size(); i++) {
      text.append(" [").append(i).append("] ").append(signatures.get(i));
    }
    return text.toString();
  }

  /** The chosen signature of a UDF. */
  public record Chosen(ExtractedUdf udf, UdfSignature signature, int index) {
    boolean isTable() {
      return udf.isTable();
    }
  }
}
