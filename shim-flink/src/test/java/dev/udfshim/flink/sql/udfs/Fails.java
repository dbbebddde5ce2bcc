package dev.udfshim.flink.sql.udfs;

import org.apache.flink.table.functions.ScalarFunction;

/** Throws on negative input: its message must reach the failed query. */
public class Fails extends ScalarFunction {
  public Long eval(Long x) {
    if (x != null && x < 0) {
      throw new IllegalArgumentException("negative input " + x);
    }
    return x;
  }
}
