package com.example.findings;

import java.time.LocalTime;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

/** Served fine, but Flink SQL cannot call TIME(9): its planner holds TIME at precision 0. */
public class Clock extends ScalarFunction {
  public @DataTypeHint("TIME(9)") LocalTime eval(@DataTypeHint("TIME(9)") LocalTime time) {
    return time == null ? null : time.plusNanos(1);
  }
}
