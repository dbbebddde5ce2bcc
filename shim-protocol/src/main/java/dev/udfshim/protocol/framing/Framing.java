package dev.udfshim.protocol.framing;

import dev.udfshim.protocol.codec.CodecException;
import dev.udfshim.protocol.codec.ValueFormat;
import dev.udfshim.protocol.codec.WireReader;
import java.util.ArrayList;
import java.util.List;

/**
 * How an execution payload frames its rows (docs/protocol.md, Execution).
 *
 * <pre>
 *                 ONE_ROW                        BATCHED                     BATCH_FRAME
 * request         one argument tuple             int32 row count N, then     0x03, then as BATCHED
 *                                                N tuples
 * scalar answer   one value                      int32 N, then one value per row (both)
 * table answer    int32 count, then those rows   int32 N, then per row: int32 count, those rows
 * </pre>
 *
 * {@link #ONE_ROW} and {@link #BATCHED} are the two forms a server is configured for with its
 * config var {@value #BATCH_VAR}, with nothing in the bytes to say which (the legacy switch).
 * {@link #BATCH_FRAME} is our control frame ({@link ControlFrames#BATCH}): a server of either
 * configuration that answers {@link ControlFrames#DESCRIBE} takes it, so a client that asked needs
 * no switch.
 */
public enum Framing {
  ONE_ROW,
  BATCHED,
  BATCH_FRAME;

  /** The execution server's config var that makes it speak {@link #BATCHED}. */
  public static final String BATCH_VAR = "shim.execution.batch";

  /** The execution server's config var that bounds a batch's row count. */
  public static final String BATCH_MAX_ROWS_VAR = "shim.execution.batch.max.rows";

  /** The bound when {@value #BATCH_MAX_ROWS_VAR} is not set. */
  public static final int DEFAULT_BATCH_MAX_ROWS = 4096;

  public static Framing of(boolean batched) {
    return batched ? BATCHED : ONE_ROW;
  }

  /** Whether requests carry a row count and answers answer every row of it. */
  public boolean batched() {
    return this != ONE_ROW;
  }

  /** The bytes before the row count of a request: the control frame's first byte. */
  int requestHeader() {
    return this == BATCH_FRAME ? 1 : 0;
  }

  /**
   * How many rows a request carries, read from its first bytes without decoding it (for metrics): a
   * batch frame's count, none for another control frame, a legacy batch's leading count on a server
   * or client of the legacy switch ({@code batched}), else one; 0 when too short to say.
   */
  public static int requestRows(byte[] payload, boolean batched) {
    if (ControlFrames.isControl(payload)) {
      return ControlFrames.kind(payload) == ControlFrames.BATCH ? countAt(payload, 1) : 0;
    }
    return batched ? countAt(payload, 0) : 1;
  }

  private static int countAt(byte[] payload, int at) {
    if (payload.length < at + 4) {
      return 0;
    }
    int count =
        (payload[at] & 0xff) << 24
            | (payload[at + 1] & 0xff) << 16
            | (payload[at + 2] & 0xff) << 8
            | (payload[at + 3] & 0xff);
    return Math.max(0, count);
  }

  /** How an error about one row of a batch begins: "Row index 3 of 500: " (0-based). */
  public static String rowPrefix(int row, int count) {
    return "Row index " + row + " of " + count + ": ";
  }

  /** A request under construction, {@code arguments} being the formats of one tuple. */
  public RequestWriter newRequest(List<? extends ValueFormat> arguments) {
    return new RequestWriter(this, arguments);
  }

  /**
   * Every argument tuple of a request, all decoded before the caller uses any, so bad framing runs
   * no user code.
   *
   * @param maxRows the most rows a batch may declare
   * @throws CodecException a sentence saying what is wrong with the bytes and what to send
   */
  public Object[][] readRequest(byte[] payload, ArgumentsCodec arguments, int maxRows)
      throws CodecException {
    if (this == ONE_ROW) {
      return new Object[][] {readOneRow(payload, arguments)};
    }
    WireReader in = new WireReader(payload);
    if (this == BATCH_FRAME) {
      if (in.remaining() == 0 || (in.readByte() & 0xff) != ControlFrames.BATCH) {
        throw new IllegalArgumentException("not a batch frame");
      }
    }
    if (in.remaining() < Integer.BYTES) {
      throw new CodecException(
          "The batch is "
              + in.remaining()
              + " bytes, too short for its int32 row count; this server takes batches ("
              + BATCH_VAR
              + "=true): send the row count, then the argument tuples.");
    }
    int count = in.readInt();
    if (count < 0 || count > maxRows) {
      throw new CodecException(
          "The batch declares "
              + count
              + " rows; send from 0 to "
              + maxRows
              + " rows per call ("
              + BATCH_MAX_ROWS_VAR
              + ").");
    }
    Object[][] tuples = new Object[count][];
    for (int row = 0; row < count; row++) {
      try {
        tuples[row] = arguments.read(in);
      } catch (CodecException e) {
        throw new CodecException(rowPrefix(row, count) + e.getMessage());
      }
    }
    if (in.remaining() > 0) {
      throw new CodecException(
          "The batch has "
              + in.remaining()
              + " bytes left after its "
              + count
              + " rows; send the int32 row count, then exactly that many argument tuples.");
    }
    return tuples;
  }

  /** The arguments of a one-row request. */
  static Object[] readOneRow(byte[] payload, ArgumentsCodec arguments) throws CodecException {
    WireReader in = new WireReader(payload);
    Object[] tuple = arguments.read(in);
    if (in.remaining() > 0) {
      throw new CodecException(
          "The payload has "
              + in.remaining()
              + " bytes left after the last of its "
              + arguments.size()
              + " arguments; send exactly the encoded arguments.");
    }
    return tuple;
  }

  /**
   * An answer to a request of {@code rows} rows under construction, its values of format {@code
   * result}.
   *
   * @param capacity the bytes to start with
   */
  public AnswerWriter newAnswer(ValueFormat result, int rows, int capacity) {
    return new AnswerWriter(this, result, rows, capacity);
  }

  /**
   * The values of a scalar answer to a request of {@code rows} rows, in row order.
   *
   * @throws CodecException what does not fit the framing or the result type, for a sentence of the
   *     caller's
   */
  public List<Object> readValues(byte[] answer, int rows, ValueFormat result)
      throws CodecException {
    WireReader in = new WireReader(answer);
    readCount(in, rows);
    List<Object> values = new ArrayList<>(rows);
    result.read(in, rows, values);
    checkEnd(in);
    return values;
  }

  /** The rows a table function emitted for each of the {@code rows} input rows, in row order. */
  public List<List<Object>> readRows(byte[] answer, int rows, ValueFormat result)
      throws CodecException {
    WireReader in = new WireReader(answer);
    readCount(in, rows);
    List<List<Object>> all = new ArrayList<>(rows);
    for (int i = 0; i < rows; i++) {
      int count = in.readInt();
      // Every row takes at least its null flag.
      if (count < 0 || count > in.remaining()) {
        throw new CodecException(
            "input row " + (i + 1) + " has " + count + " output rows, more than bytes are left");
      }
      List<Object> emitted = new ArrayList<>(count);
      result.read(in, count, emitted);
      all.add(emitted);
    }
    checkEnd(in);
    return all;
  }

  private void readCount(WireReader in, int rows) throws CodecException {
    if (this == ONE_ROW) {
      if (rows != 1) {
        throw new IllegalArgumentException("a one-row answer answers one row, not " + rows);
      }
      return;
    }
    int count = in.readInt();
    if (count != rows) {
      throw new CodecException("it counts " + count + " rows");
    }
  }

  private static void checkEnd(WireReader in) throws CodecException {
    if (in.remaining() > 0) {
      throw new CodecException(in.remaining() + " bytes are left after the last row");
    }
  }
}
