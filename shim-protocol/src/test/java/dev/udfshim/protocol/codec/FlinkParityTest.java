package dev.udfshim.protocol.codec;

import static org.apache.flink.table.api.DataTypes.ARRAY;
import static org.apache.flink.table.api.DataTypes.BIGINT;
import static org.apache.flink.table.api.DataTypes.BINARY;
import static org.apache.flink.table.api.DataTypes.BOOLEAN;
import static org.apache.flink.table.api.DataTypes.BYTES;
import static org.apache.flink.table.api.DataTypes.CHAR;
import static org.apache.flink.table.api.DataTypes.DATE;
import static org.apache.flink.table.api.DataTypes.DECIMAL;
import static org.apache.flink.table.api.DataTypes.DOUBLE;
import static org.apache.flink.table.api.DataTypes.FIELD;
import static org.apache.flink.table.api.DataTypes.FLOAT;
import static org.apache.flink.table.api.DataTypes.INT;
import static org.apache.flink.table.api.DataTypes.MAP;
import static org.apache.flink.table.api.DataTypes.MULTISET;
import static org.apache.flink.table.api.DataTypes.ROW;
import static org.apache.flink.table.api.DataTypes.SMALLINT;
import static org.apache.flink.table.api.DataTypes.STRING;
import static org.apache.flink.table.api.DataTypes.TIME;
import static org.apache.flink.table.api.DataTypes.TIMESTAMP;
import static org.apache.flink.table.api.DataTypes.TIMESTAMP_LTZ;
import static org.apache.flink.table.api.DataTypes.TINYINT;
import static org.apache.flink.table.api.DataTypes.VARBINARY;
import static org.apache.flink.table.api.DataTypes.VARCHAR;
import static org.assertj.core.api.Assertions.assertThat;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.flink.api.common.typeutils.TypeSerializer;
import org.apache.flink.api.java.typeutils.runtime.NullableSerializer;
import org.apache.flink.core.memory.DataInputDeserializer;
import org.apache.flink.core.memory.DataOutputSerializer;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.data.conversion.DataStructureConverter;
import org.apache.flink.table.data.conversion.DataStructureConverters;
import org.apache.flink.table.runtime.typeutils.InternalSerializers;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Both codecs against their authority, on one case table: for every supported type, the bytes of
 * the server's {@link ValueCodec} and of the client's {@link SerializerCodec} equal those of
 * Flink's {@code NullableSerializer} (no null padding) around Flink's internal serializer, and each
 * reads back what Flink wrote, as Flink reads what each wrote.
 */
class FlinkParityTest {

  static Stream<Arguments> values() {
    List<Arguments> cases = new ArrayList<>();
    add(cases, BOOLEAN(), true, false, null);
    add(cases, TINYINT(), (byte) 0, Byte.MIN_VALUE, Byte.MAX_VALUE, null);
    add(cases, SMALLINT(), (short) -1, Short.MIN_VALUE, Short.MAX_VALUE);
    add(cases, INT(), 0, -1, Integer.MIN_VALUE, Integer.MAX_VALUE, null);
    add(cases, INT().notNull(), 42);
    add(cases, BIGINT(), 3L, Long.MIN_VALUE, Long.MAX_VALUE, null);
    add(cases, FLOAT(), 1.5f, -0.0f, Float.NaN, Float.MIN_VALUE, Float.NEGATIVE_INFINITY);
    add(cases, DOUBLE(), Math.PI, -0.0, Double.NaN, Double.MAX_VALUE, Double.POSITIVE_INFINITY);
    add(cases, DECIMAL(10, 2), new BigDecimal("12345678.90"), new BigDecimal("-0.01"), null);
    add(
        cases,
        DECIMAL(18, 0),
        new BigDecimal("999999999999999999"),
        new BigDecimal("-999999999999999999"));
    add(cases, DECIMAL(19, 0), new BigDecimal("0"), new BigDecimal("9999999999999999999"));
    add(
        cases,
        DECIMAL(38, 10),
        new BigDecimal("-1234567890123456789012345678.0123456789"),
        new BigDecimal("0.0000000001"),
        null);
    add(cases, CHAR(3), "abc", null);
    add(cases, VARCHAR(20), "", "ab");
    add(cases, STRING(), "héllo wörld \uD83D\uDE00 日本", "x".repeat(1000), null);
    add(cases, BINARY(4), new byte[] {1, 2, 3, (byte) 0xff});
    add(cases, VARBINARY(10), new byte[0], new byte[] {0, 0});
    add(cases, BYTES(), new byte[300], null);
    add(cases, DATE(), LocalDate.EPOCH, LocalDate.of(1, 1, 1), LocalDate.of(9999, 12, 31), null);
    add(cases, TIME(0), LocalTime.of(23, 59, 59), LocalTime.MIDNIGHT);
    add(cases, TIME(3), LocalTime.of(12, 34, 56, 789_000_000), null);
    add(
        cases,
        TIMESTAMP(3),
        LocalDateTime.of(2024, 2, 29, 12, 0, 0, 123_000_000),
        LocalDateTime.of(1900, 1, 1, 0, 0),
        null);
    add(cases, TIMESTAMP(0), LocalDateTime.of(1970, 1, 1, 0, 0, 1));
    add(
        cases,
        TIMESTAMP(6),
        LocalDateTime.of(2024, 2, 29, 12, 0, 0, 123_456_000),
        LocalDateTime.of(1969, 12, 31, 23, 59, 59, 999_999_000));
    add(cases, TIMESTAMP(9), LocalDateTime.of(2000, 1, 1, 0, 0, 0, 1), null);
    add(cases, TIMESTAMP_LTZ(3), Instant.parse("2024-05-01T10:00:00.250Z"), null);
    add(cases, TIMESTAMP_LTZ(9), Instant.parse("1960-05-01T10:00:00.123456789Z"));
    add(cases, ARRAY(INT()), new Integer[] {1, null, 3}, new Integer[0], null);
    add(cases, ARRAY(INT().notNull()), (Object) new Integer[] {7, 8});
    add(cases, ARRAY(STRING()), (Object) new String[] {"a", "", null, "long string, not inline"});
    add(cases, ARRAY(ARRAY(BIGINT())), (Object) new Long[][] {{1L, 2L}, null, {}});
    add(cases, ARRAY(DECIMAL(25, 3)), (Object) new BigDecimal[] {new BigDecimal("1.250"), null});
    add(
        cases,
        ARRAY(TIMESTAMP(9)),
        (Object) new LocalDateTime[] {LocalDateTime.of(2020, 1, 1, 1, 1, 1, 5)});
    add(cases, MAP(STRING(), INT()), map("one", 1, "two", null), map(), null);
    add(cases, MAP(INT(), ARRAY(STRING())), map(1, new String[] {"x"}, 2, null));
    add(cases, MULTISET(STRING()), map("a", 2, "b", 1), null);
    add(
        cases,
        ROW(
            FIELD("a", INT()),
            FIELD("b", STRING()),
            FIELD("c", ARRAY(DOUBLE())),
            FIELD("d", ROW(FIELD("x", DECIMAL(20, 2)), FIELD("y", TIMESTAMP(6)))),
            FIELD("e", MAP(STRING(), BOOLEAN()))),
        Row.of(
            1,
            "text beyond seven bytes",
            new Double[] {1.0, null},
            Row.of(
                new BigDecimal("123456789012345678.91"),
                LocalDateTime.of(2021, 3, 4, 5, 6, 7, 8000)),
            map("k", true)),
        Row.of(null, "ab", null, null, null),
        null);
    // The client's round trip of every supported type, its values first written as internal data.
    add(cases, BOOLEAN(), true);
    add(cases, TINYINT(), (byte) -3);
    add(cases, SMALLINT(), (short) 300);
    add(cases, INT(), 70_000);
    add(cases, BIGINT(), Long.MIN_VALUE);
    add(cases, FLOAT(), 1.5f);
    add(cases, DOUBLE(), -2.25);
    add(cases, DECIMAL(10, 2), DecimalData.fromUnscaledLong(1999, 10, 2).toBigDecimal());
    add(cases, DECIMAL(30, 4), new BigDecimal("123456789012345678.1234"));
    add(cases, CHAR(3), "abc");
    add(cases, STRING(), "grüße");
    add(cases, BINARY(2), new byte[] {1, 2});
    add(cases, BYTES(), new byte[] {9});
    add(cases, DATE(), LocalDate.ofEpochDay(19_000));
    add(cases, TIME(0), LocalTime.ofSecondOfDay(3_600));
    add(cases, TIMESTAMP(3), TimestampData.fromEpochMillis(1_700_000_000_123L).toLocalDateTime());
    add(
        cases,
        TIMESTAMP(9),
        TimestampData.fromEpochMillis(1_700_000_000_123L, 456_789).toLocalDateTime());
    add(cases, TIMESTAMP_LTZ(3), Instant.ofEpochMilli(-5L));
    add(cases, ARRAY(STRING()), (Object) new String[] {"x", null});
    add(cases, MAP(STRING(), INT()), map("k", 1));
    add(cases, MULTISET(STRING()), map("m", 2));
    add(cases, ROW(FIELD("name", STRING()), FIELD("age", INT())), Row.of("Ada", 36));
    return cases.stream();
  }

  private static void add(List<Arguments> cases, DataType type, Object... externals) {
    for (Object external : externals) {
      cases.add(Arguments.of(type, external));
    }
  }

  private static Map<Object, Object> map(Object... keysAndValues) {
    Map<Object, Object> map = new LinkedHashMap<>();
    for (int i = 0; i < keysAndValues.length; i += 2) {
      map.put(keysAndValues[i], keysAndValues[i + 1]);
    }
    return map;
  }

  private static TypeSerializer<Object> flink(DataType type) {
    return NullableSerializer.wrap(InternalSerializers.create(type.getLogicalType()), false);
  }

  private static DataStructureConverter<Object, Object> converter(DataType type) {
    DataStructureConverter<Object, Object> converter = DataStructureConverters.getConverter(type);
    converter.open(FlinkParityTest.class.getClassLoader());
    return converter;
  }

  @ParameterizedTest(name = "[{index}] {0}: {1}")
  @MethodSource("values")
  void bothCodecsWriteFlinksBytesAndReadEachOther(DataType type, Object external) throws Exception {
    DataStructureConverter<Object, Object> converter = converter(type);
    Object internal = converter.toInternalOrNull(external);
    DataOutputSerializer theirs = new DataOutputSerializer(64);
    flink(type).serialize(internal, theirs);
    byte[] flinkBytes = theirs.getCopyOfBuffer();

    List<ValueFormat> codecs =
        List.of(
            ValueCodec.forType(type.getLogicalType()),
            SerializerCodec.forType(type.getLogicalType()));
    for (ValueFormat codec : codecs) {
      String which = codec.getClass().getSimpleName();
      WireWriter ours = new WireWriter();
      codec.write(internal, ours);
      assertThat(HexFormat.of().formatHex(ours.toByteArray()))
          .as(which + " writes Flink's bytes")
          .isEqualTo(HexFormat.of().formatHex(flinkBytes));

      // The codec reads Flink's bytes back to the same Java value, consuming all of them.
      WireReader in = new WireReader(flinkBytes);
      Object decoded = codec.read(in);
      assertThat(in.remaining()).as(which + " consumes the value").isZero();
      assertEquivalent(converter.toExternalOrNull(decoded), external);

      // Flink reads the codec's bytes back to the same Java value.
      Object flinkDecoded = flink(type).deserialize(new DataInputDeserializer(ours.toByteArray()));
      assertEquivalent(converter.toExternalOrNull(flinkDecoded), external);
    }
  }

  private static void assertEquivalent(Object actual, Object expected) {
    assertThat(render(actual)).isEqualTo(render(expected));
  }

  /** Arrays and rows compared by content; NaN and -0.0 by their bits through toString. */
  private static String render(Object value) {
    if (value instanceof Object[] array) {
      return Arrays.deepToString(array);
    }
    if (value instanceof byte[] bytes) {
      return HexFormat.of().formatHex(bytes);
    }
    if (value instanceof Row row) {
      StringBuilder text = new StringBuilder("Row(");
      for (int i = 0; i < row.getArity(); i++) {
        text.append(render(row.getField(i))).append(',');
      }
      return text.append(')').toString();
    }
    if (value instanceof Map<?, ?> map) {
      StringBuilder text = new StringBuilder("{");
      map.forEach((k, v) -> text.append(render(k)).append('=').append(render(v)).append(';'));
      return text.append('}').toString();
    }
    return String.valueOf(value);
  }
}
