package com.example.incremental;

import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.types.Row;

/** One row per comma-separated token and its position; the scenario deletes this class. */
@FunctionHint(output = @DataTypeHint("ROW<token STRING, position INT>"))
public class Tokens extends TableFunction<Row> {
  public void eval(String csv) {
    if (csv != null) {
      String[] tokens = csv.split(",");
      for (int i = 0; i < tokens.length; i++) {
        collect(Row.of(tokens[i], i));
      }
    }
  }
}
