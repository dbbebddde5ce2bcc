package com.example.faults;

import org.apache.flink.table.functions.ScalarFunction;

/** close() never returns, whatever interrupts it gets. */
public class HangsInClose extends ScalarFunction {
  public Long eval(Long x) {
    return x;
  }

  @Override
  public void close() {
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException ignored) {
        // keeps waiting
      }
    }
  }
}
