package com.example.findings;

import org.apache.flink.table.functions.AggregateFunction;

/** An aggregate: Flink runs it, the platform does not host it. */
public class Total extends AggregateFunction<Long, long[]> {
  @Override
  public long[] createAccumulator() {
    return new long[1];
  }

  @Override
  public Long getValue(long[] accumulator) {
    return accumulator[0];
  }

  public void accumulate(long[] accumulator, Long value) {
    if (value != null) {
      accumulator[0] += value;
    }
  }
}
