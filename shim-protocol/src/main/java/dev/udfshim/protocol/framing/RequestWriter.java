package dev.udfshim.protocol.framing;

import dev.udfshim.protocol.codec.CodecException;
import dev.udfshim.protocol.codec.ValueFormat;
import dev.udfshim.protocol.codec.WireWriter;
import java.util.List;

/**
 * The payload of one call under construction: rows are added one by one (one only in {@link
 * Framing#ONE_ROW}), then taken as one payload. Not thread-safe.
 */
public final class RequestWriter {
  private final Framing framing;
  private final List<? extends ValueFormat> arguments;
  private final WireWriter out = new WireWriter(256);
  private int rows;

  RequestWriter(Framing framing, List<? extends ValueFormat> arguments) {
    this.framing = framing;
    this.arguments = List.copyOf(arguments);
    reset();
  }

  private void reset() {
    out.truncate(0);
    rows = 0;
    if (framing == Framing.BATCH_FRAME) {
      out.writeByte(ControlFrames.BATCH);
    }
    if (framing.batched()) {
      out.writeInt(0); // the row count, written by take()
    }
  }

  /**
   * Appends one row's arguments; a row that cannot be encoded leaves the request as it was.
   *
   * @return the bytes the row took
   * @throws CodecException when the values do not fit the argument types
   */
  public int add(Object[] values) throws CodecException {
    if (!framing.batched() && rows > 0) {
      throw new IllegalStateException("a one-row request holds one row");
    }
    if (values.length != arguments.size()) {
      throw new CodecException(
          "The call has "
              + values.length
              + " arguments where the signature has "
              + arguments.size()
              + ".");
    }
    int before = out.size();
    try {
      for (int i = 0; i < values.length; i++) {
        arguments.get(i).write(values[i], out);
      }
    } catch (RuntimeException e) {
      out.truncate(before);
      throw new CodecException(
          "Cannot encode the arguments "
              + arguments.stream().map(ValueFormat::type).toList()
              + " of a row: "
              + e,
          e);
    }
    rows++;
    return out.size() - before;
  }

  public int rows() {
    return rows;
  }

  /** Removes the last row added, which took {@code bytes} bytes. */
  public void dropLast(int bytes) {
    if (rows == 0 || bytes > out.size()) {
      throw new IllegalStateException("no such row");
    }
    out.truncate(out.size() - bytes);
    rows--;
  }

  /** The payload's size so far, framing included. */
  public int size() {
    return out.size();
  }

  /** The finished payload; the request is then empty again. */
  public byte[] take() {
    if (framing.batched()) {
      out.putInt(framing.requestHeader(), rows);
    }
    byte[] payload = out.toByteArray();
    reset();
    return payload;
  }
}
