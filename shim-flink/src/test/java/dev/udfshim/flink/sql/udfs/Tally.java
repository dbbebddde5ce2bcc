package dev.udfshim.flink.sql.udfs;

import java.util.HashMap;
import java.util.Map;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.functions.ScalarFunction;

/** A MAP of counts with one more of a word. */
public class Tally extends ScalarFunction {
  public @DataTypeHint("MAP<STRING, INT>") Map<String, Integer> eval(
      @DataTypeHint("MAP<STRING, INT>") Map<String, Integer> counts, String word) {
    Map<String, Integer> result = counts == null ? new HashMap<>() : new HashMap<>(counts);
    if (word != null) {
      result.merge(word, 1, Integer::sum);
    }
    return result;
  }
}
