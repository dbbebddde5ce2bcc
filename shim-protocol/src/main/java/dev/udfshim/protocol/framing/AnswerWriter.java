package dev.udfshim.protocol.framing;

import dev.udfshim.protocol.codec.ValueFormat;
import dev.udfshim.protocol.codec.WireWriter;

/**
 * An answer under construction, row by row in request order: a scalar function's {@link #value} per
 * row, or a table function's {@link #emitted} count followed by that many values. Not thread-safe.
 */
public final class AnswerWriter {
  private final ValueFormat result;
  private final WireWriter out;

  AnswerWriter(Framing framing, ValueFormat result, int rows, int capacity) {
    this.result = result;
    this.out = new WireWriter(capacity);
    if (framing.batched()) {
      out.writeInt(rows);
    } else if (rows != 1) {
      throw new IllegalArgumentException("a one-row answer answers one row, not " + rows);
    }
  }

  /** A table function's input row emitted this many rows; their values follow. */
  public void emitted(int count) {
    out.writeInt(count);
  }

  /** One result value (or one emitted row). */
  public void value(Object value) {
    result.write(value, out);
  }

  /** The answer's size so far. */
  public int size() {
    return out.size();
  }

  public byte[] toByteArray() {
    return out.toByteArray();
  }
}
