package com.example.broken;

import org.apache.flink.table.functions.ScalarFunction;

/** No public no-argument constructor: the platform cannot create it. */
public class NeedsConfig extends ScalarFunction {
  private final String prefix;

  public NeedsConfig(String prefix) {
    this.prefix = prefix;
  }

  public String eval(String text) {
    return prefix + text;
  }
}
