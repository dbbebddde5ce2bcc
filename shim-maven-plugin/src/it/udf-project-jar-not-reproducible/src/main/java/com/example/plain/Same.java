package com.example.plain;

import org.apache.flink.table.functions.ScalarFunction;

/** A correct UDF; only the jar plugin is too old. */
public class Same extends ScalarFunction {
  public Integer eval(Integer x) {
    return x;
  }
}
