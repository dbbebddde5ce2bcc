package com.example.faults;

import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;

/** Starts a non-daemon thread in open() that never ends. */
public class LeaksThread extends ScalarFunction {
  @Override
  public void open(FunctionContext context) {
    Thread leaked =
        new Thread(
            () -> {
              while (true) {
                try {
                  Thread.sleep(60_000);
                } catch (InterruptedException ignored) {
                  // keeps running
                }
              }
            },
            "leaked-by-udf");
    leaked.start();
  }

  public Long eval(Long x) {
    return x;
  }
}
