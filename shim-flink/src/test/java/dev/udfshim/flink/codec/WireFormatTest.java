package dev.udfshim.flink.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;
import org.junit.jupiter.api.Test;

/**
 * The client's wire format against the protocol's own examples (docs/protocol.md) and the batch
 * framing, and malformed answers refused with the client's sentence. Every supported type against
 * Flink's serializers: shim-protocol's FlinkParityTest.
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
