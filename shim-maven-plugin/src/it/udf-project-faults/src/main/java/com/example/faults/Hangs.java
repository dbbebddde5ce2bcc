package com.example.faults;

import org.apache.flink.table.functions.ScalarFunction;

/** Blocks in eval until interrupted. */
public class Hangs extends ScalarFunction {
  public Long eval(Long x) throws InterruptedException {
    Thread.sleep(Long.MAX_VALUE);
    return x;
  }
}
