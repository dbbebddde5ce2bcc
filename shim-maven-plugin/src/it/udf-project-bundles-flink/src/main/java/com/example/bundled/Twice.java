package com.example.bundled;

import org.apache.flink.table.functions.ScalarFunction;

/** A correct UDF in a project that bundles Flink by mistake. */
public class Twice extends ScalarFunction {
  public Integer eval(Integer x) {
    return x == null ? null : 2 * x;
  }
}
