package dev.udfshim.runtime.client;

import dev.udfshim.runtime.extraction.ExtractedUdf;
import dev.udfshim.runtime.extraction.UdfSignature;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Predicate;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;

/** Which signature of a UDF a call uses: by index, by argument types, or the only one that fits. */
public final class SignatureChooser {
  private SignatureChooser() {}

  /** The chosen signature of a UDF. */
  public record Chosen(ExtractedUdf udf, UdfSignature signature, int index) {
    public boolean isTable() {
      return udf.isTable();
    }
  }

  /**
   * By index if given, else by the argument types if given, else the only signature {@code fits}
   * accepts (or the only signature).
   */
  public static Chosen choose(
      ExtractedUdf udf,
      String className,
      Integer index,
      List<String> types,
      ClassLoader loader,
      Predicate<UdfSignature> fits) {
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
      if (types != null
          ? matchesTypes(signatures.get(i), types, loader)
          : fits.test(signatures.get(i))) {
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

  private static boolean matchesTypes(
      UdfSignature signature, List<String> types, ClassLoader loader) {
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
}
