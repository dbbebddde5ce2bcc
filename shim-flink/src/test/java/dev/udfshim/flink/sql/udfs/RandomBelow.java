package dev.udfshim.flink.sql.udfs;

import java.util.concurrent.ThreadLocalRandom;
import org.apache.flink.table.functions.ScalarFunction;

/** A random number in [0, bound): not deterministic, so the planner must call it per row. */
public class RandomBelow extends ScalarFunction {
  public Integer eval(Integer bound) {
    return bound == null ? null : ThreadLocalRandom.current().nextInt(bound);
  }

  @Override
  public boolean isDeterministic() {
    return false;
  }
}
