package dev.udfshim.runtime.extraction;

import dev.udfshim.protocol.UdfKind;
import java.util.List;
import org.apache.flink.table.functions.UserDefinedFunction;

/**
 * A UDF class as Flink sees it.
 *
 * @param type the loaded class
 * @param kind {@code SCALAR} or {@code TABLE}
 * @param deterministic the instance's {@code isDeterministic()}
 * @param signatures in the documented order ({@link UdfSignature#ORDER})
 * @param probe the instance extraction created (constructed, never opened), so the execution
 *     handler can serve with it instead of running the constructor once more
 */
public record ExtractedUdf(
    Class<?> type,
    String kind,
    boolean deterministic,
    List<UdfSignature> signatures,
    UserDefinedFunction probe) {

  public boolean isTable() {
    return kind.equals(UdfKind.TABLE.name());
  }
}
