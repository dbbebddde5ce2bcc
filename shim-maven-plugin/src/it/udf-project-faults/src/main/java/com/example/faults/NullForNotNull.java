package com.example.faults;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

/** Promises a NOT NULL result and returns null for an empty string. */
public class NullForNotNull extends ScalarFunction {
  public @DataTypeHint("STRING NOT NULL") String eval(String text) {
    return text == null || text.isEmpty() ? null : text;
  }
}
