package com.example.faults;

import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.table.functions.ScalarFunction;

/** Burns a core in eval and never looks at interrupts; answers its instance number otherwise. */
public class Spins extends ScalarFunction {
  private static final AtomicInteger INSTANCES = new AtomicInteger();
  private final int number = INSTANCES.incrementAndGet();
  private volatile long sink;

  public Integer eval(Integer spin) {
    if (spin != null && spin > 0) {
      while (true) {
        sink++;
      }
    }
    return number;
  }
}
