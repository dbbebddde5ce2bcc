package dev.udfshim.protocol.codec;

/**
 * Reads big-endian values straight from a payload, checking every length against what is left, so a
 * bad length is an error, never a large allocation.
 */
public final class WireReader {
  private final byte[] buffer;
  private int position;

  public WireReader(byte[] buffer) {
    this.buffer = buffer;
  }

  public byte[] buffer() {
    return buffer;
  }

  public int position() {
    return position;
  }

  public int remaining() {
    return buffer.length - position;
  }

  private void need(int bytes, String what) throws CodecException {
    if (remaining() < bytes) {
      throw new CodecException(
          "the payload ends after "
              + buffer.length
              + " bytes, in the middle of "
              + what
              + " (needs "
              + bytes
              + ", "
              + remaining()
              + " left)");
    }
  }

  /** The null flag: true for null (0x01), false when a value follows (0x00). */
  public boolean readNullFlag() throws CodecException {
    need(1, "a null flag");
    byte flag = buffer[position++];
    if (flag == 0) {
      return false;
    }
    if (flag == 1) {
      return true;
    }
    throw new CodecException(
        String.format("the null flag at byte %d is 0x%02x, not 0x00 or 0x01", position - 1, flag));
  }

  public byte readByte() throws CodecException {
    need(1, "a 1-byte value");
    return buffer[position++];
  }

  public short readShort() throws CodecException {
    need(2, "a 2-byte value");
    short value = (short) (((buffer[position] & 0xff) << 8) | (buffer[position + 1] & 0xff));
    position += 2;
    return value;
  }

  public int readInt() throws CodecException {
    need(4, "a 4-byte value");
    int value =
        ((buffer[position] & 0xff) << 24)
            | ((buffer[position + 1] & 0xff) << 16)
            | ((buffer[position + 2] & 0xff) << 8)
            | (buffer[position + 3] & 0xff);
    position += 4;
    return value;
  }

  public long readLong() throws CodecException {
    need(8, "an 8-byte value");
    long high = readInt() & 0xffffffffL;
    long low = readInt() & 0xffffffffL;
    return (high << 32) | low;
  }

  /** An int32 length that must fit in what is left of the payload. */
  public int readLength() throws CodecException {
    int at = position;
    int length = readInt();
    if (length < 0) {
      throw new CodecException("the length at byte " + at + " is negative (" + length + ")");
    }
    if (length > remaining()) {
      throw new CodecException(
          "the length at byte "
              + at
              + " declares "
              + length
              + " bytes, but only "
              + remaining()
              + " are left");
    }
    return length;
  }

  /** Skips bytes already checked by {@link #readLength}. */
  public void skip(int bytes) {
    position += bytes;
  }

  public byte[] readBytes(int length) {
    byte[] bytes = new byte[length];
    System.arraycopy(buffer, position, bytes, 0, length);
    position += length;
    return bytes;
  }
}
