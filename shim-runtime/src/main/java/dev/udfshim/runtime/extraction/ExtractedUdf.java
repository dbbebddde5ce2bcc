package dev.udfshim.runtime.extraction;

import java.util.List;

/**
 * A UDF class as Flink sees it.
 *
 * @param type the loaded class
 * @param kind {@code SCALAR} or {@code TABLE}
 * @param deterministic the instance's {@code isDeterministic()}
 * @param signatures in the documented order ({@link UdfSignature#ORDER})
 */
public record ExtractedUdf(
    Class<?> type, String kind, boolean deterministic, List<UdfSignature> signatures) {

  public boolean isTable() {
    return kind.equals("TABLE");
  }
}
