package com.example.incremental;

import org.apache.flink.table.functions.ScalarFunction;

/** First letter of every word; left alone by the scenario. */
public class Initials extends ScalarFunction {
  public String eval(String name) {
    if (name == null) {
      return null;
    }
    StringBuilder initials = new StringBuilder();
    for (String word : name.trim().split("\\s+")) {
      if (!word.isEmpty()) {
        initials.append(word.charAt(0));
      }
    }
    return initials.toString();
  }
}
