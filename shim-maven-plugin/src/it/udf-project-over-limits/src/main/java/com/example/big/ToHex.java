package com.example.big;

import org.apache.flink.table.functions.ScalarFunction;

/** A correct UDF with a dependency too large for the limit this project sets. */
public class ToHex extends ScalarFunction {
  public String eval(String text) {
    return text == null ? null : org.apache.commons.codec.binary.Hex.encodeHexString(text.getBytes());
  }
}
