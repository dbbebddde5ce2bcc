package dev.udfshim.protocol.codec;

import java.util.List;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * The wire encoding of one SQL type (protocol section 5): a null flag, then the value as Flink's
 * internal serializer writes it. Values are Flink's internal data structures. The framing reads and
 * writes values only through this, so it serves both codecs: {@link ValueCodec} (the server's,
 * which checks untrusted bytes) and {@link SerializerCodec} (the client's, Flink's serializers).
 *
 * <p>Implementations keep buffers: one instance per thread at a time.
 */
public interface ValueFormat {
  /** The type whose values this reads and writes. */
  LogicalType type();

  /** Reads a null flag and, unless null, the value. */
  Object read(WireReader in) throws CodecException;

  /** Reads {@code count} values that follow one another, appending them to {@code values}. */
  default void read(WireReader in, int count, List<Object> values) throws CodecException {
    for (int i = 0; i < count; i++) {
      values.add(read(in));
    }
  }

  /** Writes a null flag and, unless null, the value. */
  void write(Object value, WireWriter out);
}
