package org.apache.flink.table.shaded;

/** Stands for a class of Flink's that a shaded jar would carry. */
public final class Copied {
  private Copied() {}
}
