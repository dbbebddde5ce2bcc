package dev.udfshim.flink.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.data.ArrayData;
import org.apache.flink.table.data.DecimalData;
import org.apache.flink.table.data.GenericArrayData;
import org.apache.flink.table.data.GenericMapData;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.MapData;
import org.apache.flink.table.data.RowData;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.data.TimestampData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;
import org.junit.jupiter.api.Test;

/**
 * The client's wire format against the protocol's own examples (docs/protocol.md) and the batch
 * framing, every supported type round-tripped, and malformed answers refused with a sentence.
 */
class WireFormatTest {
  private static final HexFormat HEX = HexFormat.of();

  private static LogicalType type(String text) {
    return LogicalTypeParser.parse(text, WireFormatTest.class.getClassLoader());
  }

  private static WireFormat scalar(List<String> arguments, String result, boolean batched) {
    return WireFormat.of(
        arguments.stream().map(WireFormatTest::type).toList(), type(result), false, batched);
  }

  @Test
  void addOneRequestIsTheProtocolsExample() throws Exception {
    WireFormat.Request request = scalar(List.of("BIGINT", "BIGINT"), "BIGINT", false).newRequest();
    request.add(new Object[] {1L, 2L});
    assertThat(Base64.getEncoder().encodeToString(request.take()))
        .isEqualTo("AAAAAAAAAAABAAAAAAAAAAAC");
  }

  @Test
  void batchedRequestIsARowCountThenEachTuple() throws Exception {
    WireFormat.Request request = scalar(List.of("BIGINT", "STRING"), "BIGINT", true).newRequest();
    request.add(new Object[] {1L, StringData.fromString("ab")});
    request.add(new Object[] {null, null});
    assertThat(request.rows()).isEqualTo(2);
    assertThat(HEX.formatHex(request.take()))
        .isEqualTo(
            "00000002" + "00" + "0000000000000001" + "00" + "00000002" + "6162" + "01" + "01");
    // Taken: the request is empty again, ready for the next batch.
    assertThat(HEX.formatHex(request.take())).isEqualTo("00000000");
  }

  @Test
  void scalarAnswersOneRowAndBatched() throws Exception {
    WireFormat oneRow = scalar(List.of("STRING"), "STRING", false);
    // The protocol's HexUpper example: "414243" for "abc".
    assertThat(oneRow.readValues(HEX.parseHex("0000000006343134323433"), 1))
        .containsExactly(StringData.fromString("414243"));
    WireFormat batched = scalar(List.of("BIGINT"), "BIGINT", true);
    assertThat(batched.readValues(HEX.parseHex("00000002" + "000000000000000003" + "01"), 2))
        .containsExactly(3L, null);
  }

  @Test
  void tableAnswersAreRowsPerInputRow() throws Exception {
    WireFormat table = WireFormat.of(List.of(type("STRING")), type("STRING"), true, false);
    // The protocol's SplitWords("to be") example.
    assertThat(
            table.readRows(HEX.parseHex("00000002" + "0000000002746f" + "0000000002" + "6265"), 1))
        .containsExactly(List.of(StringData.fromString("to"), StringData.fromString("be")));
    WireFormat batched = WireFormat.of(List.of(type("STRING")), type("STRING"), true, true);
    assertThat(
            batched.readRows(
                HEX.parseHex("00000002" + "00000001" + "0000000001" + "61" + "00000000"), 2))
        .containsExactly(List.of(StringData.fromString("a")), List.of());
  }

  @Test
  void everySupportedTypeRoundTrips() throws Exception {
    GenericRowData row = GenericRowData.of(StringData.fromString("Ada"), 36);
    Map<String, Object> values =
        Map.ofEntries(
            Map.entry("BOOLEAN", true),
            Map.entry("TINYINT", (byte) -3),
            Map.entry("SMALLINT", (short) 300),
            Map.entry("INT", 70_000),
            Map.entry("BIGINT", Long.MIN_VALUE),
            Map.entry("FLOAT", 1.5f),
            Map.entry("DOUBLE", -2.25),
            Map.entry("DECIMAL(10, 2)", DecimalData.fromUnscaledLong(1999, 10, 2)),
            Map.entry(
                "DECIMAL(30, 4)",
                DecimalData.fromBigDecimal(
                    new java.math.BigDecimal("123456789012345678.1234"), 30, 4)),
            Map.entry("CHAR(3)", StringData.fromString("abc")),
            Map.entry("STRING", StringData.fromString("grüße")),
            Map.entry("BINARY(2)", new byte[] {1, 2}),
            Map.entry("BYTES", new byte[] {9}),
            Map.entry("DATE", 19_000),
            Map.entry("TIME(0)", 3_600_000),
            Map.entry("TIMESTAMP(3)", TimestampData.fromEpochMillis(1_700_000_000_123L)),
            Map.entry("TIMESTAMP(9)", TimestampData.fromEpochMillis(1_700_000_000_123L, 456_789)),
            Map.entry("TIMESTAMP_LTZ(3)", TimestampData.fromEpochMillis(-5L)),
            Map.entry(
                "ARRAY<STRING>",
                new GenericArrayData(new Object[] {StringData.fromString("x"), null})),
            Map.entry(
                "MAP<STRING, INT>", new GenericMapData(Map.of(StringData.fromString("k"), 1))),
            Map.entry(
                "MULTISET<STRING>", new GenericMapData(Map.of(StringData.fromString("m"), 2))),
            Map.entry("ROW<name STRING, age INT>", row));
    for (Map.Entry<String, Object> entry : values.entrySet()) {
      WireFormat format = scalar(List.of(entry.getKey()), entry.getKey(), false);
      WireFormat.Request request = format.newRequest();
      request.add(new Object[] {entry.getValue()});
      // A scalar answer is encoded exactly like one argument.
      Object back = format.readValues(request.take(), 1).get(0);
      assertThat(normalize(back)).as(entry.getKey()).isEqualTo(normalize(entry.getValue()));
    }
  }

  /** Binary and generic structures compared by content. */
  private static Object normalize(Object value) {
    if (value instanceof byte[] bytes) {
      return HEX.formatHex(bytes);
    }
    if (value instanceof ArrayData array) {
      return List.of(array.getString(0).toString(), array.isNullAt(1));
    }
    if (value instanceof MapData map) {
      return List.of(map.keyArray().getString(0).toString(), map.valueArray().getInt(0));
    }
    if (value instanceof RowData row) {
      return List.of(row.getString(0).toString(), row.getInt(1));
    }
    if (value instanceof StringData string) {
      return string.toString();
    }
    return value;
  }

  @Test
  void malformedAnswersAreRefusedWithASentence() {
    WireFormat batched = scalar(List.of("BIGINT"), "BIGINT", true);
    assertThatThrownBy(() -> batched.readValues(HEX.parseHex("00000001" + "01"), 2))
        .isInstanceOf(WireException.class)
        .hasMessage(
            "The answer (5 bytes) is not BIGINT for 2 row(s) in the batched framing: it counts 1"
                + " rows; check that 'batch.enabled' matches the server's shim.execution.batch.");
    WireFormat oneRow = scalar(List.of("BIGINT"), "BIGINT", false);
    assertThatThrownBy(() -> oneRow.readValues(HEX.parseHex("01" + "01"), 1))
        .hasMessageContaining("1 bytes are left after the last row");
    assertThatThrownBy(() -> oneRow.readValues(HEX.parseHex("0000"), 1))
        .hasMessageStartingWith("The answer (2 bytes) is not BIGINT for 1 row(s) in the one-row");
    WireFormat table = WireFormat.of(List.of(type("STRING")), type("STRING"), true, false);
    assertThatThrownBy(() -> table.readRows(HEX.parseHex("7fffffff"), 1))
        .hasMessageContaining("input row 1 has 2147483647 output rows, more than bytes are left");
  }

  @Test
  void argumentsThatDoNotFitTheSignatureAreRefused() {
    WireFormat.Request request = scalar(List.of("BIGINT"), "BIGINT", true).newRequest();
    assertThatThrownBy(() -> request.add(new Object[] {1L, 2L}))
        .hasMessage("The call has 2 arguments where the signature has 1.");
    assertThatThrownBy(() -> request.add(new Object[] {"not a long"}))
        .isInstanceOf(WireException.class)
        .hasMessageStartingWith("Cannot encode the arguments [BIGINT] of a row:");
    assertThat(request.rows()).isZero();
    assertThat(request.size()).isEqualTo(4);
  }
}
