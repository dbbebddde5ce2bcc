package dev.udfshim.flink.sql.udfs;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.types.Row;

/** One row per word, with its length; no rows for null or blank text. */
@FunctionHint(output = @DataTypeHint("ROW<word STRING, length INT>"))
public class SplitWords extends TableFunction<Row> {
  public void eval(String text) {
    if (text != null && !text.isBlank()) {
      for (String word : text.strip().split("\\s+")) {
        collect(Row.of(word, word.length()));
      }
    }
  }
}
