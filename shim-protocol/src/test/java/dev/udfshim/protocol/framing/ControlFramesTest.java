package dev.udfshim.protocol.framing;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.udfshim.protocol.codec.CodecException;
import dev.udfshim.protocol.codec.SerializerCodec;
import dev.udfshim.protocol.codec.ValueCodec;
import java.nio.charset.StandardCharsets;
import java.util.HexFormat;
import java.util.List;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.junit.jupiter.api.Test;

/** The control frames of docs/protocol.md: their bytes, and how a server tells them from rows. */
class ControlFramesTest {
  private static final HexFormat HEX = HexFormat.of();
  private static final LogicalType BIGINT = new BigIntType();

  @Test
  void aControlFrameIsTellableFromEveryRowAndLegacyBatchByItsFirstByte() throws Exception {
    RequestWriter oneRow = Framing.ONE_ROW.newRequest(List.of(ValueCodec.forType(BIGINT)));
    oneRow.add(new Object[] {1L});
    assertThat(ControlFrames.isControl(oneRow.take())).isFalse();
    oneRow.add(new Object[] {null});
    assertThat(ControlFrames.isControl(oneRow.take())).isFalse();
    assertThat(ControlFrames.isControl(new byte[0])).as("no arguments").isFalse();
    RequestWriter legacy = Framing.BATCHED.newRequest(List.of(ValueCodec.forType(BIGINT)));
    for (int i = 0; i < 1000; i++) {
      legacy.add(new Object[] {(long) i});
    }
    assertThat(ControlFrames.isControl(legacy.take())).isFalse();
    assertThat(ControlFrames.isControl(ControlFrames.describeRequest())).isTrue();
    assertThat(HEX.formatHex(ControlFrames.describeRequest())).isEqualTo("02");
  }

  @Test
  void theBatchFrameIsTheProtocolsExampleAfterItsByte() throws Exception {
    RequestWriter request =
        Framing.BATCH_FRAME.newRequest(
            List.of(SerializerCodec.forType(BIGINT), SerializerCodec.forType(BIGINT)));
    request.add(new Object[] {1L, 2L});
    request.add(new Object[] {null, 5L});
    byte[] payload = request.take();
    assertThat(HEX.formatHex(payload))
        .isEqualTo(
            "03"
                + "00000002"
                + "000000000000000001000000000000000002"
                + "01"
                + "000000000000000005");
    assertThat(ControlFrames.isControl(payload)).isTrue();
    assertThat(ControlFrames.kind(payload)).isEqualTo(ControlFrames.BATCH);
    ArgumentsCodec arguments = new ArgumentsCodec(List.of("i", "j"), List.of(BIGINT, BIGINT));
    Object[][] tuples = Framing.BATCH_FRAME.readRequest(payload, arguments, 10);
    assertThat(tuples).hasDimensions(2, 2);
    assertThat(tuples[1]).containsExactly(null, 5L);
    assertThatThrownBy(() -> Framing.BATCH_FRAME.readRequest(payload, arguments, 1))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("declares 2 rows; send from 0 to 1 rows per call");
    // The answer is a batched answer: the row count, then each row.
    AnswerWriter answer = Framing.BATCH_FRAME.newAnswer(ValueCodec.forType(BIGINT), 2, 16);
    answer.value(3L);
    answer.value(null);
    assertThat(HEX.formatHex(answer.toByteArray()))
        .isEqualTo("00000002" + "000000000000000003" + "01");
    assertThat(
            Framing.BATCH_FRAME.readValues(
                answer.toByteArray(), 2, SerializerCodec.forType(BIGINT)))
        .containsExactly(3L, null);
  }

  @Test
  void theDescriptionIsKeyValueLinesReadBackWhole() throws Exception {
    ControlFrames.Description description =
        new ControlFrames.Description(
            1,
            "execution",
            "com.example.AddOne",
            0,
            List.of("BIGINT", "ROW<`a` INT, `b` VARCHAR(2147483647)>"),
            "BIGINT",
            "SCALAR",
            true,
            4096);
    String text = new String(description.encode(), StandardCharsets.UTF_8);
    assertThat(text)
        .isEqualTo(
            "protocol=1\nhandler=execution\nclass=com.example.AddOne\nsignature=0\narguments=2\n"
                + "argument.0=BIGINT\nargument.1=ROW<`a` INT, `b` VARCHAR(2147483647)>\n"
                + "result=BIGINT\nkind=SCALAR\nbatches=true\nbatch.max.rows=4096\n");
    assertThat(
            ControlFrames.Description.decode(
                (text + "future=key\n").getBytes(StandardCharsets.UTF_8)))
        .isEqualTo(description);
    assertThatThrownBy(
            () ->
                ControlFrames.Description.decode(
                    "Cannot decode argument 1".getBytes(StandardCharsets.UTF_8)))
        .isInstanceOf(CodecException.class)
        .hasMessageContaining("no 'arguments'");
  }

  @Test
  void anUnknownFrameIsOneSentence() {
    assertThat(ControlFrames.unknown(0x7f))
        .isEqualTo(
            "Unknown control frame 0x7f: this server speaks protocol 1 (0x02 describe, 0x03"
                + " batch); update the client or the server so both speak the same frames.");
  }
}
