package com.example.newer;

import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.types.variant.Variant;

/** Flink 2.1's Variant inside eval only: STRING in, STRING out. */
public class VariantInEval extends ScalarFunction {
  public String eval(String text) {
    return text == null ? null : Variant.newBuilder().of(text).toJson();
  }
}
