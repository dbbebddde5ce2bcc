package dev.udfshim.tooling;

import java.nio.file.Path;
import java.util.List;

/**
 * What extraction found.
 *
 * @param signaturesFile the file written
 * @param functions the UDFs the platform can run, in the signatures file's order
 * @param failures the UDFs it cannot run
 * @param table one line per signature in aligned columns, with a header, for the build log, and one
 *     per class that is not hosted or failed; empty when there is none
 * @param warnings one line each about what the platform will do otherwise than the project expects:
 *     classes of kinds it does not host, signatures Flink SQL cannot call, a legacy type hook that
 *     is ignored
 */
public record ExtractAnswer(
    Path signaturesFile,
    List<Function> functions,
    List<Failure> failures,
    List<String> table,
    List<String> warnings) {

  public ExtractAnswer {
    functions = List.copyOf(functions);
    failures = List.copyOf(failures);
    table = List.copyOf(table);
    warnings = List.copyOf(warnings);
  }

  /** An answer without warnings (read back from the signatures file). */
  public ExtractAnswer(
      Path signaturesFile, List<Function> functions, List<Failure> failures, List<String> table) {
    this(signaturesFile, functions, failures, table, List.of());
  }

  /** One UDF and its signatures. */
  public record Function(
      String className, String kind, boolean deterministic, List<Signature> signatures) {
    public Function {
      signatures = List.copyOf(signatures);
    }
  }

  /**
   * One signature; the index is its place in the signatures file and its config directory's name.
   *
   * @param argumentOptional per argument, whether a call may leave it out; empty when none may
   */
  public record Signature(
      int index,
      List<String> argumentNames,
      List<String> argumentTypes,
      String returnType,
      List<Boolean> argumentOptional) {
    public Signature {
      argumentNames = List.copyOf(argumentNames);
      argumentTypes = List.copyOf(argumentTypes);
      argumentOptional = List.copyOf(argumentOptional);
    }

    /** A signature whose arguments are all required. */
    public Signature(
        int index, List<String> argumentNames, List<String> argumentTypes, String returnType) {
      this(index, argumentNames, argumentTypes, returnType, List.of());
    }

    /** {@code (i BIGINT, j BIGINT) -> BIGINT}; an optional argument in brackets. */
    public String text() {
      StringBuilder text = new StringBuilder("(");
      for (int i = 0; i < argumentTypes.size(); i++) {
        boolean optional = !argumentOptional.isEmpty() && argumentOptional.get(i);
        text.append(i == 0 ? "" : ", ")
            .append(optional ? "[" : "")
            .append(argumentNames.isEmpty() ? "" : argumentNames.get(i) + " ")
            .append(argumentTypes.get(i))
            .append(optional ? "]" : "");
      }
      return text.append(") -> ").append(returnType).toString();
    }
  }

  /** A UDF the platform cannot run: the error code and the reason. */
  public record Failure(String className, String code, String message) {
    /** {@code <class>: <code>: <message>}. */
    public String text() {
      return className + ": " + code + ": " + message;
    }
  }

  /** The signatures of every function. */
  public int signatureCount() {
    return functions.stream().mapToInt(f -> f.signatures().size()).sum();
  }
}
