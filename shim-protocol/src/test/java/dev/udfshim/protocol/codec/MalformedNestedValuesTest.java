package dev.udfshim.protocol.codec;

import static org.apache.flink.table.api.DataTypes.ARRAY;
import static org.apache.flink.table.api.DataTypes.BIGINT;
import static org.apache.flink.table.api.DataTypes.DECIMAL;
import static org.apache.flink.table.api.DataTypes.FIELD;
import static org.apache.flink.table.api.DataTypes.INT;
import static org.apache.flink.table.api.DataTypes.MAP;
import static org.apache.flink.table.api.DataTypes.MULTISET;
import static org.apache.flink.table.api.DataTypes.ROW;
import static org.apache.flink.table.api.DataTypes.STRING;
import static org.apache.flink.table.api.DataTypes.TIMESTAMP;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.LocalDateTime;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.stream.Stream;
import org.apache.flink.table.data.conversion.DataStructureConverter;
import org.apache.flink.table.data.conversion.DataStructureConverters;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Untrusted bytes in Flink's binary layouts: every corrupted or truncated payload either decodes to
 * a value that converts cleanly, or is refused with a {@link CodecException}; nothing else escapes.
 */
class MalformedNestedValuesTest {

  static Stream<Arguments> values() {
    Map<String, Long> map = new LinkedHashMap<>();
    map.put("short", 1L);
    map.put("a key longer than seven bytes", null);
    return Stream.of(
        Arguments.of(ARRAY(STRING()), new String[] {"a", "a string longer than seven bytes", null}),
        Arguments.of(MAP(STRING(), BIGINT()), map),
        Arguments.of(MULTISET(STRING()), Map.of("x", 2, "a longer element", 1)),
        Arguments.of(
            ROW(
                FIELD("s", STRING()),
                FIELD("d", DECIMAL(30, 5)),
                FIELD("t", TIMESTAMP(9)),
                FIELD("xs", ARRAY(ROW(FIELD("n", INT()), FIELD("m", MAP(INT(), STRING())))))),
            Row.of(
                "text beyond the inline limit",
                new BigDecimal("123456789012345678901.12345"),
                LocalDateTime.of(2024, 1, 2, 3, 4, 5, 6),
                new Row[] {Row.of(1, Map.of(7, "seven")), null})));
  }

  private static DataStructureConverter<Object, Object> converter(DataType type) {
    DataStructureConverter<Object, Object> converter = DataStructureConverters.getConverter(type);
    converter.open(MalformedNestedValuesTest.class.getClassLoader());
    return converter;
  }

  @ParameterizedTest(name = "{0}")
  @MethodSource("values")
  void corruptedBytesAreRefusedOrDecodeCleanly(DataType type, Object value) {
    DataStructureConverter<Object, Object> converter = converter(type);
    ValueCodec codec = ValueCodec.forType(type.getLogicalType());
    WireWriter out = new WireWriter();
    codec.write(converter.toInternal(value), out);
    byte[] valid = out.toByteArray();
    Random random = new Random(Long.getLong("seed", 42));
    int refused = 0;
    for (int round = 0; round < Integer.getInteger("mutations", 3000); round++) {
      byte[] bytes = valid.clone();
      int flips = 1 + random.nextInt(4);
      for (int f = 0; f < flips; f++) {
        // Leave the flag and the outer length alone: corrupt the layout inside.
        bytes[5 + random.nextInt(bytes.length - 5)] = (byte) random.nextInt(256);
      }
      if (!decodesCleanlyOrIsRefused(codec, converter, bytes)) {
        refused++;
      }
    }
    for (int cut = 0; cut < valid.length; cut++) {
      byte[] truncated = Arrays.copyOf(valid, cut);
      assertThat(decodesCleanlyOrIsRefused(codec, converter, truncated)).isFalse();
    }
    assertThat(refused).as("some corruptions must be caught").isPositive();
  }

  /** True when the bytes decode and convert; false when refused; any other exception fails. */
  private static boolean decodesCleanlyOrIsRefused(
      ValueCodec codec, DataStructureConverter<Object, Object> converter, byte[] bytes) {
    Object internal;
    try {
      WireReader in = new WireReader(bytes);
      internal = codec.read(in);
    } catch (CodecException e) {
      return false;
    }
    converter.toExternalOrNull(internal);
    return true;
  }

  @Test
  void slotPointingOutsideTheLayoutNamesTheElement() {
    DataType type = ARRAY(STRING());
    ValueCodec codec = ValueCodec.forType(type.getLogicalType());
    WireWriter out = new WireWriter();
    codec.write(converter(type).toInternal(new String[] {"a string longer than seven bytes"}), out);
    byte[] bytes = out.toByteArray();
    // The element's slot: flag(1) + length(4) + count(4) + null bits(4); size in its low 4 bytes.
    bytes[13] = (byte) 0xff;
    bytes[14] = (byte) 0xff;
    bytes[15] = (byte) 0xff;
    bytes[16] = (byte) 0x7f;

    assertThatThrownBy(() -> codec.read(new WireReader(bytes)))
        .isInstanceOf(CodecException.class)
        .hasMessageStartingWith("array element 0 points at bytes 16 to ")
        .hasMessageEndingWith(", outside its 48-byte layout");
  }
}
