package com.example.broken;

import org.apache.flink.table.functions.ScalarFunction;

/** Flink cannot infer a SQL type for Object. */
public class Untyped extends ScalarFunction {
  public String eval(Object value) {
    return String.valueOf(value);
  }
}
