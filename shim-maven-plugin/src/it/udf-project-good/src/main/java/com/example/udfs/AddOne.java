package com.example.udfs;

import org.apache.flink.table.functions.ScalarFunction;

/** add_one(i, j) = i + j, nulls in, null out. */
public class AddOne extends ScalarFunction {
  public Long eval(Long i, Long j) {
    return i == null || j == null ? null : i + j;
  }
}
