package com.example.findings;

import java.time.LocalDate;
import java.time.format.DateTimeFormatter;
import org.apache.flink.table.functions.ScalarFunction;

/** Works as constructed; in Flink the transient formatter is null after shipping. */
public class DateText extends ScalarFunction {
  private final transient DateTimeFormatter format = DateTimeFormatter.ISO_LOCAL_DATE;

  public String eval(Integer days) {
    return days == null ? null : format.format(LocalDate.ofEpochDay(days));
  }
}
