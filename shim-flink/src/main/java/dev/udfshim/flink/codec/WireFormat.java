package dev.udfshim.flink.codec;

import java.io.IOException;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.NullableSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.table.runtime.typeutils.InternalSerializers;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * The bytes of one signature on the wire, from the Flink side: each value is a null flag followed
 * by Flink's internal serializer's bytes ({@link NullableSerializer} without padding around {@link
 * InternalSerializers}), which is the protocol's value format by definition. Values are Flink's
 * internal data structures ({@code Long}, {@code StringData}, {@code RowData}, ...).
 *
 * <p>One-row framing: a request is the arguments one after another; a scalar answer is one value, a
 * table answer an int32 row count and that many values. Batched framing (servers with {@code
 * shim.execution.batch}): an int32 row count before the argument tuples, and an int32 row count
 * before the per-row answers.
 *
 * <p>Serializers of nested types keep buffers: use one instance per thread ({@link #duplicate}).
 */
public final class WireFormat {
  private final List<LogicalType> argumentTypes;
  private final LogicalType resultType;
  private final boolean table;
  private final boolean batched;
  private final List<TypeSerializer<Object>> arguments;
  private final TypeSerializer<Object> result;

  private WireFormat(
      List<LogicalType> argumentTypes,
      LogicalType resultType,
      boolean table,
      boolean batched,
      List<TypeSerializer<Object>> arguments,
      TypeSerializer<Object> result) {
    this.argumentTypes = argumentTypes;
    this.resultType = resultType;
    this.table = table;
    this.batched = batched;
    this.arguments = arguments;
    this.result = result;
  }

  /**
   * The format of a signature.
   *
   * @param table whether each call answers rows (a table function) rather than one value
   * @param batched whether requests and answers carry the batch framing
   */
  public static WireFormat of(
      List<LogicalType> argumentTypes, LogicalType resultType, boolean table, boolean batched) {
    List<TypeSerializer<Object>> arguments = new ArrayList<>();
    for (LogicalType type : argumentTypes) {
      arguments.add(nullable(type));
    }
    return new WireFormat(
        List.copyOf(argumentTypes),
        resultType,
        table,
        batched,
        List.copyOf(arguments),
        nullable(resultType));
  }

  /** The same format with serializers of its own, for another thread. */
  public WireFormat duplicate() {
    List<TypeSerializer<Object>> copies = new ArrayList<>();
    for (TypeSerializer<Object> serializer : arguments) {
      copies.add(serializer.duplicate());
    }
    return new WireFormat(
        argumentTypes, resultType, table, batched, List.copyOf(copies), result.duplicate());
  }

  private static TypeSerializer<Object> nullable(LogicalType type) {
    return NullableSerializer.wrap(InternalSerializers.create(type), false);
  }

  public boolean batched() {
    return batched;
  }

  /** A request buffer of this format: rows are added one by one, then taken as one payload. */
  public Request newRequest() {
    return new Request();
  }

  /** The payload of one call under construction. Not thread-safe. */
  public final class Request {
    private final DataOutputSerializer out = new DataOutputSerializer(256);
    private int rows;

    private Request() {
      reset();
    }

    private void reset() {
      out.clear();
      rows = 0;
      if (batched) {
        out.setPositionUnsafe(Integer.BYTES); // the row count, written by take()
      }
    }

    /**
     * Appends one row's arguments.
     *
     * @return the bytes the row took
     */
    public int add(Object[] values) throws WireException {
      if (!batched && rows > 0) {
        throw new IllegalStateException("a one-row request holds one row");
      }
      if (values.length != arguments.size()) {
        throw new WireException(
            "The call has "
                + values.length
                + " arguments where the signature has "
                + arguments.size()
                + ".");
      }
      int before = out.length();
      try {
        for (int i = 0; i < values.length; i++) {
          arguments.get(i).serialize(values[i], out);
        }
      } catch (IOException | RuntimeException e) {
        out.setPositionUnsafe(before);
        throw new WireException(
            "Cannot encode the arguments " + argumentTypes + " of a row: " + e, e);
      }
      rows++;
      return out.length() - before;
    }

    public int rows() {
      return rows;
    }

    /** Removes the last row added, which took {@code bytes} bytes. */
    public void dropLast(int bytes) {
      if (rows == 0 || bytes > out.length()) {
        throw new IllegalStateException("no such row");
      }
      out.setPositionUnsafe(out.length() - bytes);
      rows--;
    }

    /** The payload's size so far, framing included. */
    public int size() {
      return out.length();
    }

    /** The finished payload; the request is then empty again. */
    public byte[] take() {
      byte[] bytes = out.getSharedBuffer();
      if (batched) {
        bytes[0] = (byte) (rows >>> 24);
        bytes[1] = (byte) (rows >>> 16);
        bytes[2] = (byte) (rows >>> 8);
        bytes[3] = (byte) rows;
      }
      byte[] payload = Arrays.copyOf(bytes, out.length());
      reset();
      return payload;
    }
  }

  /**
   * The values of a scalar answer to a request of {@code rows} rows, in row order.
   *
   * @throws WireException when the bytes do not fit the result type and framing
   */
  public List<Object> readValues(byte[] answer, int rows) throws WireException {
    if (table) {
      throw new IllegalStateException("a table function answers rows per input row");
    }
    DataInputDeserializer in = new DataInputDeserializer(answer);
    List<Object> values = new ArrayList<>(rows);
    try {
      readCount(in, rows);
      for (int i = 0; i < rows; i++) {
        values.add(result.deserialize(in));
      }
    } catch (IOException | RuntimeException | WireException e) {
      throw malformed(answer, rows, e);
    }
    checkEnd(in, answer, rows);
    return values;
  }

  /** The rows a table function emitted for each of the {@code rows} input rows, in row order. */
  public List<List<Object>> readRows(byte[] answer, int rows) throws WireException {
    if (!table) {
      throw new IllegalStateException("a scalar function answers one value per row");
    }
    DataInputDeserializer in = new DataInputDeserializer(answer);
    List<List<Object>> all = new ArrayList<>(rows);
    try {
      readCount(in, rows);
      for (int i = 0; i < rows; i++) {
        int count = in.readInt();
        if (count < 0 || count > in.available()) {
          throw new WireException(
              "input row " + (i + 1) + " has " + count + " output rows, more than bytes are left");
        }
        List<Object> emitted = new ArrayList<>(count);
        for (int r = 0; r < count; r++) {
          emitted.add(result.deserialize(in));
        }
        all.add(emitted);
      }
    } catch (IOException | RuntimeException | WireException e) {
      throw malformed(answer, rows, e);
    }
    checkEnd(in, answer, rows);
    return all;
  }

  private void readCount(DataInputDeserializer in, int rows) throws IOException, WireException {
    if (batched) {
      int count = in.readInt();
      if (count != rows) {
        throw new WireException("it counts " + count + " rows");
      }
    }
  }

  private void checkEnd(DataInputDeserializer in, byte[] answer, int rows) throws WireException {
    if (in.available() > 0) {
      throw malformed(
          answer, rows, new WireException(in.available() + " bytes are left after the last row"));
    }
  }

  private WireException malformed(byte[] answer, int rows, Exception cause) {
    return new WireException(
        "The answer ("
            + answer.length
            + " bytes) is not "
            + (table ? "the rows of " : "")
            + resultType.asSummaryString()
            + " for "
            + rows
            + " row(s) in the "
            + (batched ? "batched" : "one-row")
            + " framing: "
            + (cause.getMessage() == null ? cause.toString() : cause.getMessage())
            + "; check that 'batch.enabled' matches the server's shim.execution.batch.",
        cause);
  }
}
