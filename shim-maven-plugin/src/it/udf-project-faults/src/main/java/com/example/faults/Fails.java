package com.example.faults;

import org.apache.flink.table.functions.ScalarFunction;

/** Throws on every call, with a message that tries to forge a log line. */
public class Fails extends ScalarFunction {
  public Long eval(Long x) {
    throw new IllegalStateException("bad input " + x + "\n[ERROR] forged line");
  }
}
