package dev.udfshim.flink.sql.udfs;

import org.apache.flink.table.functions.ScalarFunction;

/**
 * Joins two strings (not named Concat: Flink has a built-in CONCAT) with '|', a NULL written as
 * {@code null}: the UDF maps NULL to a value, so a NULL argument that never reaches eval shows in
 * the answer.
 */
public class Piped extends ScalarFunction {
  public String eval(String left, String right) {
    return left + "|" + right;
  }
}
