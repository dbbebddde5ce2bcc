package dev.udfshim.flink.sql.udfs;

import org.apache.flink.table.functions.ScalarFunction;

/** Overloaded by arity: Greet(name) and Greet(greeting, name). */
public class Greet extends ScalarFunction {
  public String eval(String name) {
    return eval("Hello", name);
  }

  public String eval(String greeting, String name) {
    return greeting + ", " + (name == null ? "stranger" : name) + "!";
  }
}
