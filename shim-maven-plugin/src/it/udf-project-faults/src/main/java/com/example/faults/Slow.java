package com.example.faults;

import org.apache.flink.table.functions.ScalarFunction;

/** Takes as many milliseconds as asked, then answers them: a call in flight at shutdown. */
public class Slow extends ScalarFunction {
  public Long eval(Long millis) throws InterruptedException {
    Thread.sleep(millis);
    return millis;
  }
}
