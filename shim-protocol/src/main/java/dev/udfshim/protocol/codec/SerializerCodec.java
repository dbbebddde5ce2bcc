package dev.udfshim.protocol.codec;

import java.io.EOFException;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.List;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.NullableSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.table.runtime.typeutils.InternalSerializers;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * The client's codec of one SQL type: Flink's {@link NullableSerializer} without padding around
 * {@link InternalSerializers}, which is the protocol's value format by definition. For a Flink
 * job's own internal data ({@code GenericRowData} and the like), and for answers from a server it
 * chose to call; it checks no more than Flink's serializers do.
 *
 * <p>Serializers of nested types keep buffers: one instance per thread ({@link #duplicate}).
 */
public final class SerializerCodec implements ValueFormat {
  private final LogicalType type;
  private final TypeSerializer<Object> serializer;
  private final DataInputDeserializer view = new DataInputDeserializer();

  private SerializerCodec(LogicalType type, TypeSerializer<Object> serializer) {
    this.type = type;
    this.serializer = serializer;
  }

  public static SerializerCodec forType(LogicalType type) {
    return new SerializerCodec(
        type, NullableSerializer.wrap(InternalSerializers.create(type), false));
  }

  /** The same codec with buffers of its own, for another thread. */
  public SerializerCodec duplicate() {
    return new SerializerCodec(type, serializer.duplicate());
  }

  @Override
  public LogicalType type() {
    return type;
  }

  @Override
  public Object read(WireReader in) throws CodecException {
    view.setBuffer(in.buffer(), in.position(), in.remaining());
    try {
      Object value = serializer.deserialize(view);
      in.skip(view.getPosition() - in.position());
      return value;
    } catch (IOException e) {
      throw unreadable(e);
    } finally {
      view.releaseArrays(); // holds no payload after the read
    }
  }

  /** Flink's reader set up once over what is left of the payload for all the values. */
  @Override
  public void read(WireReader in, int count, List<Object> values) throws CodecException {
    view.setBuffer(in.buffer(), in.position(), in.remaining());
    try {
      for (int i = 0; i < count; i++) {
        values.add(serializer.deserialize(view));
      }
      in.skip(view.getPosition() - in.position());
    } catch (IOException e) {
      throw unreadable(e);
    } finally {
      view.releaseArrays();
    }
  }

  private CodecException unreadable(IOException e) {
    return new CodecException(
        e instanceof EOFException
            ? "the bytes end in the middle of a " + type.asSummaryString() + " value"
            : "cannot read a " + type.asSummaryString() + " value: " + e.getMessage(),
        e);
  }

  @Override
  public void write(Object value, WireWriter out) {
    try {
      serializer.serialize(value, out);
    } catch (IOException e) {
      throw new UncheckedIOException(e); // a WireWriter grows; it never fails
    }
  }
}
