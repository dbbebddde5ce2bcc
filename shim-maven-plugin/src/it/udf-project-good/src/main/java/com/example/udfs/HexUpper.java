package com.example.udfs;

import org.apache.commons.codec.binary.Hex;
import org.apache.flink.table.functions.ScalarFunction;

/** Uses a bundled dependency at run time: hex of the UTF-8 bytes, optionally repeated. */
public class HexUpper extends ScalarFunction {
  public String eval(String text) {
    return text == null ? null : Hex.encodeHexString(text.toUpperCase().getBytes());
  }

  public String eval(String text, Integer repeat) {
    return text == null || repeat == null ? null : eval(text).repeat(repeat);
  }
}
