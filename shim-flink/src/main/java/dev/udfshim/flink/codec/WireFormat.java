package dev.udfshim.flink.codec;

import dev.udfshim.flink.ShimOptions;
import dev.udfshim.protocol.codec.CodecException;
import dev.udfshim.protocol.codec.SerializerCodec;
import dev.udfshim.protocol.framing.Framing;
import dev.udfshim.protocol.framing.RequestWriter;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * The bytes of one signature on the wire, from the Flink side: the protocol's framing
 * (shim-protocol's {@link Framing}) over Flink's own serializers ({@link SerializerCodec}), with
 * the client's sentences. Values are Flink's internal data structures ({@code Long}, {@code
 * StringData}, {@code RowData}, ...).
 *
 * <p>Serializers of nested types keep buffers: use one instance per thread ({@link #duplicate}).
 */
public final class WireFormat {
  private final LogicalType resultType;
  private final boolean table;
  private final Framing framing;
  private final List<SerializerCodec> arguments;
  private final SerializerCodec result;

  private WireFormat(
      LogicalType resultType,
      boolean table,
      Framing framing,
      List<SerializerCodec> arguments,
      SerializerCodec result) {
    this.resultType = resultType;
    this.table = table;
    this.framing = framing;
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
    return of(argumentTypes, resultType, table, Framing.of(batched));
  }

  /**
   * The format of a signature in a framing: {@link Framing#BATCH_FRAME} for a server that described
   * itself, else the legacy form the client was told.
   */
  public static WireFormat of(
      List<LogicalType> argumentTypes, LogicalType resultType, boolean table, Framing framing) {
    List<SerializerCodec> arguments = new ArrayList<>();
    for (LogicalType type : argumentTypes) {
      arguments.add(SerializerCodec.forType(type));
    }
    return new WireFormat(
        resultType, table, framing, List.copyOf(arguments), SerializerCodec.forType(resultType));
  }

  /** The same format with serializers of its own, for another thread. */
  public WireFormat duplicate() {
    List<SerializerCodec> copies = new ArrayList<>();
    for (SerializerCodec codec : arguments) {
      copies.add(codec.duplicate());
    }
    return new WireFormat(resultType, table, framing, List.copyOf(copies), result.duplicate());
  }

  public boolean batched() {
    return framing.batched();
  }

  public Framing framing() {
    return framing;
  }

  /** Whether each call answers rows per input row (a table function). */
  public boolean table() {
    return table;
  }

  /** A request buffer of this format: rows are added one by one, then taken as one payload. */
  public Request newRequest() {
    return new Request(framing.newRequest(arguments));
  }

  /** The payload of one call under construction. Not thread-safe. */
  public static final class Request {
    private final RequestWriter writer;

    private Request(RequestWriter writer) {
      this.writer = writer;
    }

    /**
     * Appends one row's arguments.
     *
     * @return the bytes the row took
     */
    public int add(Object[] values) throws WireException {
      try {
        return writer.add(values);
      } catch (CodecException e) {
        throw new WireException(e.getMessage(), e);
      }
    }

    public int rows() {
      return writer.rows();
    }

    /** Removes the last row added, which took {@code bytes} bytes. */
    public void dropLast(int bytes) {
      writer.dropLast(bytes);
    }

    /** The payload's size so far, framing included. */
    public int size() {
      return writer.size();
    }

    /** The finished payload; the request is then empty again. */
    public byte[] take() {
      return writer.take();
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
    try {
      return framing.readValues(answer, rows, result);
    } catch (CodecException | RuntimeException e) {
      throw malformed(answer, rows, e);
    }
  }

  /** The rows a table function emitted for each of the {@code rows} input rows, in row order. */
  public List<List<Object>> readRows(byte[] answer, int rows) throws WireException {
    if (!table) {
      throw new IllegalStateException("a scalar function answers one value per row");
    }
    try {
      return framing.readRows(answer, rows, result);
    } catch (CodecException | RuntimeException e) {
      throw malformed(answer, rows, e);
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
            + (framing.batched() ? "batched" : "one-row")
            + " framing: "
            + (cause.getMessage() == null ? cause.toString() : cause.getMessage())
            + (framing == Framing.BATCH_FRAME
                ? "; the server described itself, so its answer should fit: report this."
                : "; check that '"
                    + ShimOptions.BATCH_ENABLED.key()
                    + "' matches the server's "
                    + Framing.BATCH_VAR
                    + "."),
        cause);
  }
}
