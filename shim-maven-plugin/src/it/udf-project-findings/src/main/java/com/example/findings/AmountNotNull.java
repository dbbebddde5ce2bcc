package com.example.findings;

import java.math.BigDecimal;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

/** The same in a NOT NULL result. */
public class AmountNotNull extends ScalarFunction {
  public @DataTypeHint("DECIMAL(9, 2) NOT NULL") BigDecimal eval(Integer which) {
    return which != null && which == 1 ? new BigDecimal("123456789.12") : new BigDecimal("1.25");
  }
}
