package dev.udfshim.protocol.codec;

import java.util.function.Supplier;
import org.apache.flink.core.memory.MemorySegment;
import org.apache.flink.core.memory.MemorySegmentFactory;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.data.binary.BinaryArrayData;
import org.apache.flink.table.data.binary.BinaryMapData;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.table.data.binary.BinarySection;
import org.apache.flink.table.data.binary.BinarySegmentUtils;
import org.apache.flink.table.data.binary.BinaryStringData;
import org.apache.flink.table.runtime.typeutils.ArrayDataSerializer;
import org.apache.flink.table.runtime.typeutils.MapDataSerializer;
import org.apache.flink.table.runtime.typeutils.RowDataSerializer;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.MultisetType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimestampType;

/**
 * The server's codec of one SQL type, for bytes from the network: every length, offset and digit
 * count is checked before use, and values are read in place. Values are Flink's internal data
 * structures ({@code Long}, {@code StringData}, {@code DecimalData}, {@code TimestampData}, {@code
 * ArrayData}, ...).
 *
 * <p>Scalars are read straight from the payload; ARRAY, MAP, MULTISET and ROW keep Flink's binary
 * layouts, which are wrapped in place on read and produced by Flink's own writers on write.
 *
 * <p>Not thread-safe (Flink's binary writers reuse buffers): one codec per thread at a time.
 */
public final class ValueCodec implements ValueFormat {

  @FunctionalInterface
  private interface Reader {
    Object read(WireReader in) throws CodecException;
  }

  @FunctionalInterface
  private interface Writer {
    void write(Object value, WireWriter out);
  }

  private final LogicalType type;
  private final Reader reader;
  private final Writer writer;

  private ValueCodec(LogicalType type, Reader reader, Writer writer) {
    this.type = type;
    this.reader = reader;
    this.writer = writer;
  }

  @Override
  public LogicalType type() {
    return type;
  }

  @Override
  public Object read(WireReader in) throws CodecException {
    return in.readNullFlag() ? null : reader.read(in);
  }

  @Override
  public void write(Object value, WireWriter out) {
    if (value == null) {
      out.writeByte(1);
    } else {
      out.writeByte(0);
      writer.write(value, out);
    }
  }

  /** The codec of a type, or an exception naming the type when the wire format cannot carry it. */
  public static ValueCodec forType(LogicalType type) {
    WireTypes.firstUnsupported(type)
        .ifPresent(
            unsupported -> {
              throw new IllegalArgumentException(
                  "Type "
                      + unsupported.asSummaryString()
                      + " cannot cross the remote UDF wire format; use "
                      + WireTypes.SUPPORTED
                      + ".");
            });
    return switch (type.getTypeRoot()) {
      case BOOLEAN ->
          new ValueCodec(
              type, in -> in.readByte() != 0, (v, out) -> out.writeByte((Boolean) v ? 1 : 0));
      case TINYINT ->
          new ValueCodec(type, WireReader::readByte, (v, out) -> out.writeByte((Byte) v));
      case SMALLINT ->
          new ValueCodec(type, WireReader::readShort, (v, out) -> out.writeShort((Short) v));
      case INTEGER, DATE, TIME_WITHOUT_TIME_ZONE ->
          new ValueCodec(type, WireReader::readInt, (v, out) -> out.writeInt((Integer) v));
      case BIGINT ->
          new ValueCodec(type, WireReader::readLong, (v, out) -> out.writeLong((Long) v));
      case FLOAT ->
          new ValueCodec(
              type,
              in -> Float.intBitsToFloat(in.readInt()),
              (v, out) -> out.writeInt(Float.floatToRawIntBits((Float) v)));
      case DOUBLE ->
          new ValueCodec(
              type,
              in -> Double.longBitsToDouble(in.readLong()),
              (v, out) -> out.writeLong(Double.doubleToRawLongBits((Double) v)));
      case CHAR, VARCHAR -> new ValueCodec(type, ValueCodec::readString, ValueCodec::writeString);
      case BINARY, VARBINARY ->
          new ValueCodec(
              type,
              in -> in.readBytes(in.readLength()),
              (v, out) -> {
                byte[] bytes = (byte[]) v;
                out.writeInt(bytes.length);
                out.writeBytes(bytes, 0, bytes.length);
              });
      case DECIMAL -> decimal((DecimalType) type);
      case TIMESTAMP_WITHOUT_TIME_ZONE -> timestamp(type, ((TimestampType) type).getPrecision());
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
          timestamp(type, ((LocalZonedTimestampType) type).getPrecision());
      case ARRAY -> array(type);
      case MAP -> map(type, ((MapType) type).getKeyType(), ((MapType) type).getValueType());
      case MULTISET -> map(type, ((MultisetType) type).getElementType(), new IntType(false));
      case ROW -> row((RowType) type);
      default -> throw new IllegalStateException("unreachable: " + type);
    };
  }

  private static Object readString(WireReader in) throws CodecException {
    int length = in.readLength();
    // Points into the payload: no copy until the UDF's String is made.
    BinaryStringData string = BinaryStringData.fromBytes(in.buffer(), in.position(), length);
    in.skip(length);
    return string;
  }

  private static void writeString(Object value, WireWriter out) {
    BinaryStringData string = (BinaryStringData) value;
    string.ensureMaterialized();
    writeSection(string.getSegments(), string.getOffset(), string.getSizeInBytes(), out);
  }

  private static ValueCodec decimal(DecimalType type) {
    int precision = type.getPrecision();
    int scale = type.getScale();
    if (DecimalData.isCompact(precision)) {
      long limit = pow10(precision);
      return new ValueCodec(
          type,
          in -> {
            long unscaled = in.readLong();
            if (unscaled <= -limit || unscaled >= limit) {
              throw new CodecException(
                  tooManyDigits("the unscaled value " + unscaled, precision, scale));
            }
            return DecimalData.fromUnscaledLong(unscaled, precision, scale);
          },
          (v, out) -> out.writeLong(((DecimalData) v).toUnscaledLong()));
    }
    return new ValueCodec(
        type,
        in -> {
          int length = in.readLength();
          if (length < 1 || length > 16) {
            throw new CodecException(
                "a DECIMAL(" + precision + ", " + scale + ") takes 1 to 16 bytes, not " + length);
          }
          DecimalData value = DecimalData.fromUnscaledBytes(in.readBytes(length), precision, scale);
          if (value == null) {
            throw new CodecException(tooManyDigits("the value", precision, scale));
          }
          return value;
        },
        (v, out) -> {
          byte[] bytes = ((DecimalData) v).toUnscaledBytes();
          out.writeInt(bytes.length);
          out.writeBytes(bytes, 0, bytes.length);
        });
  }

  /** 10^n for the compact decimal precisions (n up to 18). */
  private static long pow10(int n) {
    long value = 1;
    for (int i = 0; i < n; i++) {
      value *= 10;
    }
    return value;
  }

  private static ValueCodec timestamp(LogicalType type, int precision) {
    if (TimestampData.isCompact(precision)) {
      return new ValueCodec(
          type,
          in -> TimestampData.fromEpochMillis(in.readLong()),
          (v, out) -> out.writeLong(((TimestampData) v).getMillisecond()));
    }
    return new ValueCodec(
        type,
        in -> {
          long millis = in.readLong();
          int nanos = in.readInt();
          if (nanos < 0 || nanos > 999_999) {
            throw new CodecException(
                "the nanoseconds within the millisecond are " + nanos + ", not 0 to 999999");
          }
          return TimestampData.fromEpochMillis(millis, nanos);
        },
        (v, out) -> {
          TimestampData timestamp = (TimestampData) v;
          out.writeLong(timestamp.getMillisecond());
          out.writeInt(timestamp.getNanoOfMillisecond());
        });
  }

  private static ValueCodec array(LogicalType type) {
    LogicalType elementType = type.getChildren().get(0);
    ArrayDataSerializer serializer = new ArrayDataSerializer(elementType);
    return section(
        type,
        (segments, base, size) -> BinaryLayouts.checkArray(segments, base, size, elementType),
        BinaryArrayData::new,
        (v, out) -> writeSection(serializer.toBinaryArray((ArrayData) v), out));
  }

  private static ValueCodec map(LogicalType type, LogicalType keyType, LogicalType valueType) {
    MapDataSerializer serializer = new MapDataSerializer(keyType, valueType);
    return section(
        type,
        (segments, base, size) -> BinaryLayouts.checkMap(segments, base, size, keyType, valueType),
        BinaryMapData::new,
        (v, out) -> writeSection(serializer.toBinaryMap((MapData) v), out));
  }

  private static ValueCodec row(RowType type) {
    RowDataSerializer serializer = new RowDataSerializer(type);
    return section(
        type,
        (segments, base, size) -> BinaryLayouts.checkRow(segments, base, size, type),
        () -> new BinaryRowData(type.getFieldCount()),
        (v, out) -> writeSection(serializer.toBinaryRow((RowData) v), out));
  }

  @FunctionalInterface
  private interface LayoutCheck {
    void check(MemorySegment[] segments, int base, int size) throws CodecException;
  }

  /**
   * An int32 length, then one of Flink's binary layouts: checked, then wrapped in place over the
   * payload (no copy).
   */
  private static ValueCodec section(
      LogicalType type, LayoutCheck check, Supplier<BinarySection> create, Writer writer) {
    return new ValueCodec(
        type,
        in -> {
          int length = in.readLength();
          MemorySegment[] segments = segment(in);
          check.check(segments, in.position(), length);
          BinarySection section = create.get();
          section.pointTo(segments, in.position(), length);
          in.skip(length);
          return section;
        },
        writer);
  }

  private static MemorySegment[] segment(WireReader in) {
    return new MemorySegment[] {MemorySegmentFactory.wrap(in.buffer())};
  }

  private static void writeSection(BinarySection section, WireWriter out) {
    writeSection(section.getSegments(), section.getOffset(), section.getSizeInBytes(), out);
  }

  private static void writeSection(MemorySegment[] segments, int offset, int size, WireWriter out) {
    out.writeInt(size);
    if (segments.length == 1 && !segments[0].isOffHeap()) {
      out.writeBytes(segments[0].getArray(), offset, size);
    } else {
      byte[] bytes = BinarySegmentUtils.copyToBytes(segments, offset, size);
      out.writeBytes(bytes, 0, size);
    }
  }

  private static String tooManyDigits(String what, int precision, int scale) {
    return what
        + " has more than the "
        + precision
        + " digits of DECIMAL("
        + precision
        + ", "
        + scale
        + ")";
  }
}
