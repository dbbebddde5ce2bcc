package com.example.udfs;

/** Not a UDF: extraction leaves it alone. */
public final class Helper {
  private Helper() {}
}
