package dev.udfshim.flink.sql.udfs;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.types.Row;

/** A ROW in, a ROW out: the person some years older. */
public class Older extends ScalarFunction {
  public @DataTypeHint("ROW<name STRING, age INT>") Row eval(
      @DataTypeHint("ROW<name STRING, age INT>") Row person, Integer years) {
    if (person == null) {
      return null;
    }
    Integer age = (Integer) person.getField("age");
    return Row.of(person.getField("name"), age == null || years == null ? null : age + years);
  }
}
