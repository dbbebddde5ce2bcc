package com.example.alpha;

import org.apache.flink.table.functions.ScalarFunction;

/** Keeps a value between two bounds. */
public class Clamp extends ScalarFunction {
  public Integer eval(Integer value, Integer low, Integer high) {
    if (value == null || low == null || high == null) {
      return null;
    }
    return Math.max(low, Math.min(high, value));
  }
}
