package com.example.incremental;

import org.apache.flink.table.functions.ScalarFunction;

/** Fahrenheit to Celsius; the scenario changes its signature (changes/Celsius.java). */
public class Celsius extends ScalarFunction {
  public Double eval(Double fahrenheit) {
    return fahrenheit == null ? null : (fahrenheit - 32) * 5 / 9;
  }
}
