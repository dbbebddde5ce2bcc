package com.example.findings;

import org.apache.flink.table.functions.TableAggregateFunction;
import org.apache.flink.util.Collector;

/** A table aggregate: not hosted either. */
public class TopTwo extends TableAggregateFunction<Long, long[]> {
  @Override
  public long[] createAccumulator() {
    return new long[] {Long.MIN_VALUE, Long.MIN_VALUE};
  }

  public void accumulate(long[] top, Long value) {
    if (value != null && value > top[1]) {
      top[1] = Math.min(value, top[0]);
      top[0] = Math.max(value, top[0]);
    }
  }

  public void emitValue(long[] top, Collector<Long> out) {
    out.collect(top[0]);
    out.collect(top[1]);
  }
}
