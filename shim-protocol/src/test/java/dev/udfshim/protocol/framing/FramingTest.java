package dev.udfshim.protocol.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.udfshim.protocol.codec.CodecException;
import dev.udfshim.protocol.codec.SerializerCodec;
import dev.udfshim.protocol.codec.ValueCodec;
import dev.udfshim.protocol.codec.ValueFormat;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Function;
import java.util.stream.Stream;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.VarCharType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The one-row and batched framing against docs/protocol.md's examples, written and read over each
 * codec (the server's checking one and the client's Flink serializers), and every check of requests
 * and answers with its sentence.
 */
class FramingTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final LogicalType BIGINT = new BigIntType();
  private static final LogicalType STRING = VarCharType.STRING_TYPE;

  /** Each codec, as a factory of one type's codec. */
  static Stream<Function<LogicalType, ValueFormat>> codecs() {
    return Stream.of(ValueCodec::forType, SerializerCodec::forType);
  }

  private static byte[] hex(String text) {
    return HEX.parseHex(text);
  }

  private static ArgumentsCodec arguments(LogicalType... types) {
    return new ArgumentsCodec(List.of("i", "j").subList(0, types.length), List.of(types));
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void oneRowRequestIsTheProtocolsAddOneExample(Function<LogicalType, ValueFormat> codec)
      throws Exception {
    RequestWriter request =
        Framing.ONE_ROW.newRequest(List.of(codec.apply(BIGINT), codec.apply(BIGINT)));
    assertThat(request.add(new Object[] {1L, 2L})).isEqualTo(18);
    assertThat(Base64.getEncoder().encodeToString(request.take()))
        .isEqualTo("AAAAAAAAAAABAAAAAAAAAAAC");
    assertThat(request.rows()).isZero();
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void batchedRequestIsARowCountThenEachTuple(Function<LogicalType, ValueFormat> codec)
      throws Exception {
    RequestWriter request =
        Framing.BATCHED.newRequest(List.of(codec.apply(BIGINT), codec.apply(STRING)));
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
  void theServerReadsTheBatchExampleAndAnswersIt() throws Exception {
    // docs/protocol.md, Batches: AddOne on (1, 2) and (NULL, 5).
    Object[][] tuples =
        Framing.BATCHED.readRequest(
            hex(
                "00000002"
                    + "00000000000000000100"
                    + "0000000000000002"
                    + "0100"
                    + "0000000000000005"),
            arguments(BIGINT, BIGINT),
            4096);
    assertThat(tuples).isDeepEqualTo(new Object[][] {{1L, 2L}, {null, 5L}});
    AnswerWriter answer = Framing.BATCHED.newAnswer(ValueCodec.forType(BIGINT), 2, 16);
    answer.value(3L);
    answer.value(null);
    assertThat(HEX.formatHex(answer.toByteArray()))
        .isEqualTo("00000002" + "000000000000000003" + "01");
  }

  @Test
  void aTableAnswerCountsTheRowsOfEachInputRow() throws Exception {
    // docs/protocol.md, Table functions: SplitWords("to be").
    AnswerWriter oneRow = Framing.ONE_ROW.newAnswer(ValueCodec.forType(STRING), 1, 16);
    oneRow.emitted(2);
    oneRow.value(StringData.fromString("to"));
    oneRow.value(StringData.fromString("be"));
    assertThat(HEX.formatHex(oneRow.toByteArray()))
        .isEqualTo("00000002" + "0000000002746f" + "0000000002" + "6265");
    AnswerWriter batched = Framing.BATCHED.newAnswer(ValueCodec.forType(STRING), 2, 16);
    batched.emitted(1);
    batched.value(StringData.fromString("a"));
    batched.emitted(0);
    assertThat(HEX.formatHex(batched.toByteArray()))
        .isEqualTo("00000002" + "00000001" + "0000000001" + "61" + "00000000");
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void scalarAnswersOneRowAndBatched(Function<LogicalType, ValueFormat> codec) throws Exception {
    // The HexUpper example: "414243" for "abc".
    assertThat(Framing.ONE_ROW.readValues(hex("0000000006343134323433"), 1, codec.apply(STRING)))
        .containsExactly(StringData.fromString("414243"));
    assertThat(
            Framing.BATCHED.readValues(
                hex("00000002" + "000000000000000003" + "01"), 2, codec.apply(BIGINT)))
        .containsExactly(3L, null);
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void tableAnswersAreRowsPerInputRow(Function<LogicalType, ValueFormat> codec) throws Exception {
    assertThat(
            Framing.ONE_ROW.readRows(
                hex("00000002" + "0000000002746f" + "0000000002" + "6265"), 1, codec.apply(STRING)))
        .containsExactly(List.of(StringData.fromString("to"), StringData.fromString("be")));
    assertThat(
            Framing.BATCHED.readRows(
                hex("00000002" + "00000001" + "0000000001" + "61" + "00000000"),
                2,
                codec.apply(STRING)))
        .containsExactly(List.of(StringData.fromString("a")), List.of());
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void answersThatDoNotFitTheFramingAreRefused(Function<LogicalType, ValueFormat> codec) {
    assertThatThrownBy(
            () -> Framing.BATCHED.readValues(hex("00000001" + "01"), 2, codec.apply(BIGINT)))
        .isInstanceOf(CodecException.class)
        .hasMessage("it counts 1 rows");
    assertThatThrownBy(() -> Framing.ONE_ROW.readValues(hex("01" + "01"), 1, codec.apply(BIGINT)))
        .hasMessage("1 bytes are left after the last row");
    assertThatThrownBy(() -> Framing.ONE_ROW.readValues(hex("0000"), 1, codec.apply(BIGINT)))
        .isInstanceOf(CodecException.class);
    assertThatThrownBy(() -> Framing.ONE_ROW.readRows(hex("7fffffff"), 1, codec.apply(STRING)))
        .hasMessage("input row 1 has 2147483647 output rows, more than bytes are left");
    assertThatThrownBy(() -> Framing.ONE_ROW.readRows(hex("ffffffff"), 1, codec.apply(STRING)))
        .hasMessage("input row 1 has -1 output rows, more than bytes are left");
  }

  @Test
  void oneRowRequestsHoldExactlyTheArguments() {
    assertThatThrownBy(
            () ->
                Framing.ONE_ROW.readRequest(
                    hex("0000000000000000010000000000000000020000"), arguments(BIGINT, BIGINT), 1))
        .isInstanceOf(CodecException.class)
        .hasMessage(
            "The payload has 2 bytes left after the last of its 2 arguments; send exactly the"
                + " encoded arguments.");
    assertThatThrownBy(() -> Framing.ONE_ROW.readRequest(hex("00"), arguments(BIGINT), 1))
        .hasMessage(
            "Cannot decode argument 1 (i BIGINT): the payload ends after 1 bytes, in the middle of"
                + " an 8-byte value (needs 8, 0 left); send the arguments encoded by the spec's"
                + " types, e.g. with `shim encode-args`.");
  }

  @Test
  void batchesAreCheckedBeforeAnyRowIsUsed() {
    ArgumentsCodec one = arguments(BIGINT);
    assertThatThrownBy(() -> Framing.BATCHED.readRequest(hex("0000"), one, 100))
        .hasMessage(
            "The batch is 2 bytes, too short for its int32 row count; this server takes batches"
                + " (shim.execution.batch=true): send the row count, then the argument tuples.");
    assertThatThrownBy(() -> Framing.BATCHED.readRequest(hex("ffffffff"), one, 100))
        .hasMessage(
            "The batch declares -1 rows; send from 0 to 100 rows per call"
                + " (shim.execution.batch.max.rows).");
    assertThatThrownBy(() -> Framing.BATCHED.readRequest(hex("00000065"), one, 100))
        .hasMessage(
            "The batch declares 101 rows; send from 0 to 100 rows per call"
                + " (shim.execution.batch.max.rows).");
    assertThatThrownBy(() -> Framing.BATCHED.readRequest(hex("00000001" + "01" + "01"), one, 100))
        .hasMessage(
            "The batch has 1 bytes left after its 1 rows; send the int32 row count, then exactly"
                + " that many argument tuples.");
    assertThatThrownBy(() -> Framing.BATCHED.readRequest(hex("00000002" + "01" + "02"), one, 100))
        .hasMessage(
            "Row index 1 of 2: Cannot decode argument 1 (i BIGINT): the null flag at byte 5 is"
                + " 0x02, not 0x00 or 0x01; send the arguments encoded by the spec's types, e.g."
                + " with `shim encode-args`.");
  }

  @ParameterizedTest
  @MethodSource("codecs")
  void argumentsThatDoNotFitTheSignatureLeaveTheRequestAsItWas(
      Function<LogicalType, ValueFormat> codec) throws Exception {
    RequestWriter request = Framing.BATCHED.newRequest(List.of(codec.apply(BIGINT)));
    assertThatThrownBy(() -> request.add(new Object[] {1L, 2L}))
        .isInstanceOf(CodecException.class)
        .hasMessage("The call has 2 arguments where the signature has 1.");
    assertThatThrownBy(() -> request.add(new Object[] {"not a long"}))
        .isInstanceOf(CodecException.class)
        .hasMessageStartingWith("Cannot encode the arguments [BIGINT] of a row:");
    assertThat(request.rows()).isZero();
    assertThat(request.size()).isEqualTo(4);
    int bytes = request.add(new Object[] {7L});
    request.add(new Object[] {8L});
    request.dropLast(bytes);
    assertThat(HEX.formatHex(request.take())).isEqualTo("00000001" + "000000000000000007");
  }

  @Test
  void aOneRowRequestHoldsOneRow() throws Exception {
    RequestWriter request = Framing.ONE_ROW.newRequest(List.of(ValueCodec.forType(BIGINT)));
    request.add(new Object[] {1L});
    assertThatThrownBy(() -> request.add(new Object[] {2L}))
        .isInstanceOf(IllegalStateException.class);
  }
}
