package com.example.beta;

import org.apache.flink.table.functions.ScalarFunction;

/** The characters of a string in reverse order. */
public class Reverse extends ScalarFunction {
  public String eval(String text) {
    return text == null ? null : new StringBuilder(text).reverse().toString();
  }
}
