package com.example.faults;

import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.functions.ScalarFunction;

/** Allocates in eval until the heap is gone. */
public class Hog extends ScalarFunction {
  public Long eval(Long x) {
    List<long[]> kept = new ArrayList<>();
    while (true) {
      kept.add(new long[1 << 20]);
    }
  }
}
