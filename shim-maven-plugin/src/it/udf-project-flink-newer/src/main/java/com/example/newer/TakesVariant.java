package com.example.newer;

import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.types.variant.Variant;

/** A VARIANT argument, which the platform's UDF spec cannot describe. */
public class TakesVariant extends ScalarFunction {
  public String eval(Variant v) {
    return v == null ? null : v.toJson();
  }
}
