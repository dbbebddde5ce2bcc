package com.example.findings;

import java.math.BigDecimal;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

/** 1: a value with more digits than DECIMAL(9, 2) holds; else one that fits. */
public class Amount extends ScalarFunction {
  public @DataTypeHint("DECIMAL(9, 2)") BigDecimal eval(Integer which) {
    return which != null && which == 1 ? new BigDecimal("123456789.12") : new BigDecimal("1.25");
  }
}
