package com.example.faults;

import org.apache.flink.table.functions.ScalarFunction;

/** A constructor that takes 2 s, as one that loads a model would. */
public class SlowStart extends ScalarFunction {
  public SlowStart() throws InterruptedException {
    Thread.sleep(2_000);
  }

  public Long eval(Long x) {
    return x;
  }
}
