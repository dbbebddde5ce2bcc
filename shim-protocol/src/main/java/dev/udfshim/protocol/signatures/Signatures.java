package dev.udfshim.protocol.signatures;

import java.util.List;

/**
 * signatures.json: what extraction found in a UDF project, as {@code mvn package} writes it into
 * {@code target/shim/} and the shim zip ({@link SignaturesJson} reads and writes it).
 *
 * @param shimVersion the version of the runtime that extracted
 * @param functions the UDFs extracted, in the order they were named or found
 * @param errors the classes whose extraction failed
 */
public record Signatures(String shimVersion, List<Function> functions, List<Failure> errors) {

  /** What the extraction of one class gave: a {@link Function} or a {@link Failure}. */
  public sealed interface Outcome permits Function, Failure {}

  /**
   * One UDF.
   *
   * @param kind {@code SCALAR} or {@code TABLE}
   * @param signatures in the documented signature order; each one's index is its position
   */
  public record Function(
      String className, String kind, boolean deterministic, List<Signature> signatures)
      implements Outcome {}

  /**
   * One signature: Flink serializable type strings, names empty when the class file has none.
   *
   * @param index its position, the {@code <n>} of {@code scp_config/<class>/<n>}
   * @param argumentOptional per argument, whether a call may leave it out (Flink's {@code
   *     isOptional}: the caller passes NULL for it); empty when none is optional
   */
  public record Signature(
      int index,
      List<String> argumentNames,
      List<String> argumentTypes,
      String returnType,
      List<Boolean> argumentOptional) {
    public Signature {
      argumentOptional =
          argumentOptional == null || !argumentOptional.contains(true)
              ? List.of()
              : List.copyOf(argumentOptional);
    }

    /** A signature whose arguments are all required. */
    public Signature(
        int index, List<String> argumentNames, List<String> argumentTypes, String returnType) {
      this(index, argumentNames, argumentTypes, returnType, List.of());
    }
  }

  /**
   * One class whose extraction failed.
   *
   * @param code the extraction error code (docs/protocol.md, Extraction)
   */
  public record Failure(String className, String code, String message) implements Outcome {}
}
