package com.example.udfs;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.types.Row;

/** One row per word, with its length. */
@FunctionHint(output = @DataTypeHint("ROW<word STRING, length INT>"))
public class SplitWords extends TableFunction<Row> {
  public void eval(String text) {
    if (text != null) {
      for (String word : text.split("\\s+")) {
        collect(Row.of(word, word.length()));
      }
    }
  }
}
