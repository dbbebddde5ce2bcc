package dev.udfshim.flink.sql.udfs;

import org.apache.flink.table.functions.ScalarFunction;

/**
 * Declared deterministic, but answers x * 1000 plus how many calls its instance had before: equal
 * arguments get equal answers only when a cache answers the repeats.
 */
public class Counted extends ScalarFunction {
  private long calls;

  public Long eval(Long x) {
    return x == null ? null : x * 1000 + calls++;
  }
}
