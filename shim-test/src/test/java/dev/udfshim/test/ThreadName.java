package dev.udfshim.test;

import org.apache.flink.table.functions.ScalarFunction;

/** Answers the name of the thread eval runs on: shows where a call was served. */
public class ThreadName extends ScalarFunction {
  public String eval() {
    return Thread.currentThread().getName();
  }
}
