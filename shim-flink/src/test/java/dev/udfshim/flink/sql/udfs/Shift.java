package dev.udfshim.flink.sql.udfs;

import java.math.BigDecimal;
import java.time.LocalDate;
import java.time.LocalDateTime;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

/** Overloaded by type: a DATE by days, a TIMESTAMP(3) by hours, a DECIMAL(10, 2) by cents. */
public class Shift extends ScalarFunction {
  public LocalDate eval(LocalDate date, Integer days) {
    return date == null || days == null ? null : date.plusDays(days);
  }

  public @DataTypeHint("TIMESTAMP(3)") LocalDateTime eval(
      @DataTypeHint("TIMESTAMP(3)") LocalDateTime time, Integer hours) {
    return time == null || hours == null ? null : time.plusHours(hours);
  }

  public @DataTypeHint("DECIMAL(12, 2)") BigDecimal eval(
      @DataTypeHint("DECIMAL(10, 2)") BigDecimal amount, Long cents) {
    return amount == null || cents == null ? null : amount.add(BigDecimal.valueOf(cents, 2));
  }
}
