package com.example.findings;

import java.math.BigDecimal;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.types.Row;
import org.apache.flink.table.functions.ScalarFunction;

/** In a ROW: 1 overflows the NOT NULL field d, 2 the nullable field e. */
public class Amounts extends ScalarFunction {
  public @DataTypeHint("ROW<d DECIMAL(9, 2) NOT NULL, e DECIMAL(9, 2)>") Row eval(Integer which) {
    BigDecimal big = new BigDecimal("123456789.12");
    BigDecimal fits = new BigDecimal("1.25");
    return Row.of(
        which != null && which == 1 ? big : fits, which != null && which == 2 ? big : fits);
  }
}
