package com.example.broken;

import org.apache.flink.table.functions.ScalarFunction;

/** Correct: listed in the table even though the build fails for the others. */
public class Fine extends ScalarFunction {
  public Integer eval(Integer x) {
    return x;
  }
}
