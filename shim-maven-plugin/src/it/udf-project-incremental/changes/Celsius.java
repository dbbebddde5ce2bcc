package com.example.incremental;

import org.apache.flink.table.functions.ScalarFunction;

/** The changed Celsius: a rounding argument added, so its signature changes. */
public class Celsius extends ScalarFunction {
  public Double eval(Double fahrenheit, Integer digits) {
    if (fahrenheit == null || digits == null) {
      return null;
    }
    double scale = Math.pow(10, digits);
    return Math.round((fahrenheit - 32) * 5 / 9 * scale) / scale;
  }
}
