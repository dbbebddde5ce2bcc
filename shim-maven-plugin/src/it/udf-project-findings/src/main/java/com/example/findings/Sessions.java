package com.example.findings;

import org.apache.flink.table.annotation.ArgumentHint;
import org.apache.flink.table.annotation.ArgumentTrait;
import org.apache.flink.table.functions.ProcessTableFunction;
import org.apache.flink.types.Row;

/** A process table function: it takes a table, which a remote call cannot carry. */
public class Sessions extends ProcessTableFunction<String> {
  public void eval(@ArgumentHint(ArgumentTrait.TABLE_AS_ROW) Row input) {
    collect(String.valueOf(input));
  }
}
