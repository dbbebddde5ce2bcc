package dev.udfshim.flink.sql.udfs;

import org.apache.flink.table.functions.ScalarFunction;

/**
 * Joins two strings with '|', a NULL written as {@code null}: the UDF maps NULL to a value, so a
 * NULL argument that never reaches eval shows in the answer.
 */
public class Concat extends ScalarFunction {
  public String eval(String left, String right) {
    return left + "|" + right;
  }
}
