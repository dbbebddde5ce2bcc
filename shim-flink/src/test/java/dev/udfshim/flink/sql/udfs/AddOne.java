package dev.udfshim.flink.sql.udfs;

import org.apache.flink.table.functions.ScalarFunction;

/** x + 1; null stays null. The function of the Flink SQL benchmark. */
public class AddOne extends ScalarFunction {
  public Long eval(Long x) {
    return x == null ? null : x + 1;
  }
}
