package dev.udfshim.flink.sql.udfs;

import org.apache.flink.table.functions.ScalarFunction;

/** Sleeps the given milliseconds, then answers them: a UDF slower than the call's deadline. */
public class Sleep extends ScalarFunction {
  public Long eval(Long millis) throws InterruptedException {
    Thread.sleep(millis);
    return millis;
  }
}
