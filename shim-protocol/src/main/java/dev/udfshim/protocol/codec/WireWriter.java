package dev.udfshim.protocol.codec;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.invoke.MethodHandles;
import java.lang.invoke.VarHandle;
import java.nio.ByteOrder;
import java.util.Arrays;
import org.apache.flink.core.memory.DataInputView;
import org.apache.flink.core.memory.DataOutputView;
import org.apache.flink.core.memory.MemorySegment;
import org.apache.flink.core.memory.MemorySegmentWritable;

/**
 * A growable big-endian byte buffer. It is also a Flink {@link DataOutputView}, so Flink's own
 * serializers write into it directly (the client's {@link SerializerCodec}) and the framing around
 * their values is written once for both codecs.
 */
public final class WireWriter implements DataOutputView, MemorySegmentWritable {
  // One big-endian store each, as fast as Flink's own DataOutputSerializer.
  private static final VarHandle SHORT =
      MethodHandles.byteArrayViewVarHandle(short[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle INT =
      MethodHandles.byteArrayViewVarHandle(int[].class, ByteOrder.BIG_ENDIAN);
  private static final VarHandle LONG =
      MethodHandles.byteArrayViewVarHandle(long[].class, ByteOrder.BIG_ENDIAN);

  private byte[] buffer;
  private int size;

  public WireWriter() {
    this(64);
  }

  public WireWriter(int capacity) {
    buffer = new byte[Math.max(16, capacity)];
  }

  private void ensure(int more) {
    if (size > buffer.length - more) {
      grow(more);
    }
  }

  // Out of line, so the writes stay small enough for the JIT to inline into Flink's serializers.
  private void grow(int more) {
    buffer = Arrays.copyOf(buffer, Math.max(buffer.length * 2, size + more));
  }

  @Override
  public void writeByte(int value) {
    if (size >= buffer.length) {
      grow(1);
    }
    buffer[size++] = (byte) value;
  }

  @Override
  public void writeShort(int value) {
    ensure(2);
    SHORT.set(buffer, size, (short) value);
    size += 2;
  }

  @Override
  public void writeInt(int value) {
    ensure(4);
    INT.set(buffer, size, value);
    size += 4;
  }

  @Override
  public void writeLong(long value) {
    ensure(8);
    LONG.set(buffer, size, value);
    size += 8;
  }

  public void writeBytes(byte[] bytes, int offset, int length) {
    ensure(length);
    System.arraycopy(bytes, offset, buffer, size, length);
    size += length;
  }

  /** Overwrites the int32 at {@code position}, e.g. a row count reserved before the rows. */
  public void putInt(int position, int value) {
    if (position < 0 || position + 4 > size) {
      throw new IndexOutOfBoundsException("no int32 at " + position + " of " + size + " bytes");
    }
    INT.set(buffer, position, value);
  }

  /** Drops everything after the first {@code size} bytes. */
  public void truncate(int size) {
    if (size < 0 || size > this.size) {
      throw new IndexOutOfBoundsException("cannot cut " + this.size + " bytes to " + size);
    }
    this.size = size;
  }

  public int size() {
    return size;
  }

  public byte[] toByteArray() {
    return Arrays.copyOf(buffer, size);
  }

  // DataOutput, for Flink's serializers. Nothing here can fail: the buffer grows.

  @Override
  public void write(int value) {
    writeByte(value);
  }

  @Override
  public void write(byte[] bytes) {
    writeBytes(bytes, 0, bytes.length);
  }

  @Override
  public void write(byte[] bytes, int offset, int length) {
    writeBytes(bytes, offset, length);
  }

  @Override
  public void write(MemorySegment segment, int offset, int length) {
    ensure(length);
    segment.get(offset, buffer, size, length);
    size += length;
  }

  @Override
  public void writeBoolean(boolean value) {
    writeByte(value ? 1 : 0);
  }

  @Override
  public void writeChar(int value) {
    writeShort(value);
  }

  @Override
  public void writeFloat(float value) {
    writeInt(Float.floatToIntBits(value));
  }

  @Override
  public void writeDouble(double value) {
    writeLong(Double.doubleToLongBits(value));
  }

  @Override
  public void writeBytes(String text) {
    for (int i = 0; i < text.length(); i++) {
      writeByte(text.charAt(i));
    }
  }

  @Override
  public void writeChars(String text) {
    for (int i = 0; i < text.length(); i++) {
      writeShort(text.charAt(i));
    }
  }

  @Override
  public void writeUTF(String text) {
    // java.io's modified UTF-8, with its length prefix and its 64 KiB limit.
    ByteArrayOutputStream bytes = new ByteArrayOutputStream(text.length() + 2);
    try {
      new DataOutputStream(bytes).writeUTF(text);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    write(bytes.toByteArray());
  }

  @Override
  public void skipBytesToWrite(int count) {
    ensure(count);
    Arrays.fill(buffer, size, size + count, (byte) 0);
    size += count;
  }

  @Override
  public void write(DataInputView source, int count) throws IOException {
    ensure(count);
    source.readFully(buffer, size, count);
    size += count;
  }
}
