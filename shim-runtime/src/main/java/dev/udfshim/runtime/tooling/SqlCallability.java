package dev.udfshim.runtime.tooling;

import dev.udfshim.protocol.signatures.Signatures.Function;
import dev.udfshim.protocol.signatures.Signatures.Signature;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.TimeType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;

/**
 * Signatures the platform can serve but Flink SQL cannot call, found at build time rather than by
 * the first query. Flink's planner holds TIME values at precision 0 only: a function that takes or
 * returns TIME(1) to TIME(9), also inside an ARRAY, MAP, MULTISET or ROW, fails at planning with
 * "Mismatch of function's argument data type" (or "output type"), whatever the query casts.
 */
final class SqlCallability {
  private SqlCallability() {}

  /** One line per signature Flink SQL cannot call, naming the class, the cause and the fix. */
  static List<String> warnings(List<Function> functions, ClassLoader loader) {
    List<String> warnings = new ArrayList<>();
    for (Function function : functions) {
      for (Signature signature : function.signatures()) {
        List<String> types = new ArrayList<>(signature.argumentTypes());
        types.add(signature.returnType());
        for (String text : types) {
          Optional<TimeType> time = finePrecisionTime(LogicalTypeParser.parse(text, loader));
          if (time.isPresent()) {
            warnings.add(
                function.className()
                    + " signature "
                    + signature.index()
                    + " uses "
                    + time.get().asSummaryString()
                    + ", which Flink SQL cannot call: its planner holds TIME values at precision"
                    + " 0 only, so the query fails at planning; declare TIME(0)"
                    + " (@DataTypeHint(\"TIME(0)\")), or carry the time as a TIMESTAMP(p) or a"
                    + " STRING.");
            break;
          }
        }
      }
    }
    return warnings;
  }

  private static Optional<TimeType> finePrecisionTime(LogicalType type) {
    if (type.getTypeRoot() == LogicalTypeRoot.TIME_WITHOUT_TIME_ZONE
        && ((TimeType) type).getPrecision() > 0) {
      return Optional.of((TimeType) type);
    }
    for (LogicalType child : type.getChildren()) {
      Optional<TimeType> found = finePrecisionTime(child);
      if (found.isPresent()) {
        return found;
      }
    }
    return Optional.empty();
  }
}
