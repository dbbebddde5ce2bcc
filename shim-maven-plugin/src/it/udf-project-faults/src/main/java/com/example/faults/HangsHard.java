package com.example.faults;

import org.apache.flink.table.functions.ScalarFunction;

/** Blocks in eval and swallows every interrupt: it never returns. */
public class HangsHard extends ScalarFunction {
  public Long eval(Long x) {
    while (true) {
      try {
        Thread.sleep(60_000);
      } catch (InterruptedException ignored) {
        // keeps waiting
      }
    }
  }
}
