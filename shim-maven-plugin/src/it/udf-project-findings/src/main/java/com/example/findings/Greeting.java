package com.example.findings;

import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

/** A call may leave the greeting out, as in Flink SQL: it is then NULL. */
public class Greeting extends ScalarFunction {
  public String eval(
      @ArgumentHint(name = "name", type = @DataTypeHint("STRING")) String name,
      @ArgumentHint(name = "greeting", isOptional = true, type = @DataTypeHint("STRING"))
          String greeting) {
    return (greeting == null ? "Hello" : greeting) + ", " + name + "!";
  }
}
