package com.example.valid;

import org.apache.flink.table.functions.ScalarFunction;

/** A correct UDF, so every goal has something to do. */
public class Echo extends ScalarFunction {
  public Long eval(Long x) {
    return x;
  }
}
