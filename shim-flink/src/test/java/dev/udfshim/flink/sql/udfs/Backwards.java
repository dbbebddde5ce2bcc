package dev.udfshim.flink.sql.udfs;

import org.apache.flink.table.functions.ScalarFunction;

/** An ARRAY in reverse order; null elements stay in place as nulls. */
public class Backwards extends ScalarFunction {
  public String[] eval(String[] values) {
    if (values == null) {
      return null;
    }
    String[] reversed = new String[values.length];
    for (int i = 0; i < values.length; i++) {
      reversed[values.length - 1 - i] = values[i];
    }
    return reversed;
  }
}
