package dev.udfshim.protocol.codec;

import org.apache.flink.core.memory.MemorySegment;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.data.binary.BinaryArrayData;
import org.apache.flink.table.data.binary.BinaryRowData;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LocalZonedTimestampType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.MapType;
import org.apache.flink.table.types.logical.MultisetType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.TimestampType;

/**
 * Checks Flink's binary ARRAY, MAP and ROW layouts before anything reads them: every offset and
 * size of a variable-length part must lie inside its section, recursively. Flink's own readers
 * trust these numbers; from the network they are untrusted, and a bad one would otherwise become an
 * out-of-bounds read or a huge allocation.
 */
final class BinaryLayouts {
  private static final long INLINE_MARK = 0x8000000000000000L;
  private static final long INLINE_LENGTH = 0x7F00000000000000L;

  private BinaryLayouts() {}

  static void checkArray(MemorySegment[] segments, int base, int size, LogicalType elementType)
      throws CodecException {
    if (size < 4) {
      throw new CodecException("an array needs at least 4 bytes of layout, but has " + size);
    }
    int count = segments[0].getInt(base);
    long fixed =
        count < 0
            ? -1
            : BinaryArrayData.calculateHeaderInBytes(count)
                + (long) count * BinaryArrayData.calculateFixLengthPartSize(elementType);
    if (count < 0 || fixed > size) {
      throw new CodecException(
          "an array declares " + count + " elements, which do not fit in its " + size + " bytes");
    }
    if (!isVariable(elementType)) {
      return;
    }
    // Layout: int32 count, null bits (from byte 4), then one 8-byte slot per element.
    int slots = base + BinaryArrayData.calculateHeaderInBytes(count);
    for (int i = 0; i < count; i++) {
      if (!isNull(segments[0], base + 4, i)) {
        long slot = segments[0].getLong(slots + 8 * i);
        checkSlot(segments, base, size, slot, elementType, null, i);
      }
    }
  }

  static void checkMap(
      MemorySegment[] segments, int base, int size, LogicalType keyType, LogicalType valueType)
      throws CodecException {
    if (size < 12) {
      throw new CodecException("a map needs at least 12 bytes of layout, but has " + size);
    }
    int keyBytes = segments[0].getInt(base);
    if (keyBytes < 4 || keyBytes > size - 8) {
      throw new CodecException(
          "a map declares "
              + keyBytes
              + " bytes of keys, which do not fit in its "
              + size
              + " bytes");
    }
    checkArray(segments, base + 4, keyBytes, keyType);
    checkArray(segments, base + 4 + keyBytes, size - 4 - keyBytes, valueType);
    int keys = segments[0].getInt(base + 4);
    int values = segments[0].getInt(base + 4 + keyBytes);
    if (keys != values) {
      throw new CodecException("a map has " + keys + " keys but " + values + " values");
    }
  }

  static void checkRow(MemorySegment[] segments, int base, int size, RowType type)
      throws CodecException {
    int arity = type.getFieldCount();
    int fixed = BinaryRowData.calculateFixPartSizeInBytes(arity);
    if (size < fixed) {
      throw new CodecException(
          "a row of "
              + arity
              + " fields needs at least "
              + fixed
              + " bytes of layout, but its length is "
              + size);
    }
    byte kind = segments[0].get(base);
    if (kind < 0 || kind > 3) {
      throw new CodecException("a row's kind byte is " + kind + ", not 0 to 3");
    }
    // Layout: null bits after the 8 header bits, then one 8-byte slot per field.
    int slots = base + BinaryRowData.calculateBitSetWidthInBytes(arity);
    for (int i = 0; i < arity; i++) {
      LogicalType fieldType = type.getTypeAt(i);
      if (isVariable(fieldType) && !isNull(segments[0], base, i + 8)) {
        long slot = segments[0].getLong(slots + 8 * i);
        checkSlot(segments, base, size, slot, fieldType, type, i);
      }
    }
  }

  /**
   * The 8-byte slot of a variable-length value: inline bytes, or offset and size in the section.
   * {@code row} and {@code index} name the slot in a message; {@code row} is null in an array.
   */
  private static void checkSlot(
      MemorySegment[] segments,
      int base,
      int size,
      long slot,
      LogicalType type,
      RowType row,
      int index)
      throws CodecException {
    int offset = (int) (slot >>> 32);
    int length = (int) slot;
    switch (type.getTypeRoot()) {
      case CHAR, VARCHAR, BINARY, VARBINARY -> {
        if ((slot & INLINE_MARK) != 0) {
          if ((slot & INLINE_LENGTH) >>> 56 > 7) {
            throw new CodecException(where(row, index) + " claims more than 7 inline bytes");
          }
          return;
        }
        within(offset, length, size, row, index);
      }
      case DECIMAL -> {
        within(offset, length, size, row, index);
        if (length < 1 || length > 16) {
          throw new CodecException(
              where(row, index) + " holds a decimal of " + length + " bytes, not 1 to 16");
        }
      }
      case TIMESTAMP_WITHOUT_TIME_ZONE, TIMESTAMP_WITH_LOCAL_TIME_ZONE -> {
        within(offset, 8, size, row, index);
        if (length < 0 || length > 999_999) {
          throw new CodecException(
              where(row, index) + " has " + length + " nanoseconds, not 0 to 999999");
        }
      }
      case ARRAY -> {
        within(offset, length, size, row, index);
        checkArray(segments, base + offset, length, type.getChildren().get(0));
      }
      case MAP -> {
        within(offset, length, size, row, index);
        MapType map = (MapType) type;
        checkMap(segments, base + offset, length, map.getKeyType(), map.getValueType());
      }
      case MULTISET -> {
        within(offset, length, size, row, index);
        checkMap(
            segments,
            base + offset,
            length,
            ((MultisetType) type).getElementType(),
            new org.apache.flink.table.types.logical.IntType(false));
      }
      case ROW -> {
        within(offset, length, size, row, index);
        checkRow(segments, base + offset, length, (RowType) type);
      }
      default -> throw new IllegalStateException("not variable-length: " + type);
    }
  }

  /** "field name" of a row, "array element i" otherwise; built only for an error message. */
  private static String where(RowType row, int index) {
    return row != null ? "field " + row.getFieldNames().get(index) : "array element " + index;
  }

  /** Bit {@code index} of the null bit set at {@code bits}, as Flink's layouts store it. */
  private static boolean isNull(MemorySegment segment, int bits, int index) {
    return (segment.get(bits + (index >>> 3)) & (1 << (index & 7))) != 0;
  }

  private static void within(int offset, int length, int size, RowType row, int index)
      throws CodecException {
    if (offset < 0 || length < 0 || (long) offset + length > size) {
      throw new CodecException(
          where(row, index)
              + " points at bytes "
              + offset
              + " to "
              + ((long) offset + length)
              + ", outside its "
              + size
              + "-byte layout");
    }
  }

  /** Types whose values live outside the 8-byte fixed slot of a row or array. */
  private static boolean isVariable(LogicalType type) {
    return switch (type.getTypeRoot()) {
      case CHAR, VARCHAR, BINARY, VARBINARY, ARRAY, MAP, MULTISET, ROW -> true;
      case DECIMAL -> !DecimalData.isCompact(((DecimalType) type).getPrecision());
      case TIMESTAMP_WITHOUT_TIME_ZONE ->
          !TimestampData.isCompact(((TimestampType) type).getPrecision());
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE ->
          !TimestampData.isCompact(((LocalZonedTimestampType) type).getPrecision());
      default -> false;
    };
  }
}
