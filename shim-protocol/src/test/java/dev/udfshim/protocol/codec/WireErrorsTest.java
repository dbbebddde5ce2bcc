package dev.udfshim.protocol.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.udfshim.protocol.framing.ArgumentsCodec;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import org.apache.flink.table.data.binary.BinaryStringData;
import org.apache.flink.table.types.logical.ArrayType;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.table.types.logical.VarCharType;
import org.junit.jupiter.api.Test;

class WireErrorsTest {
  private final ArgumentsCodec addOne =
      new ArgumentsCodec(List.of("i", "j"), List.of(new BigIntType(), new BigIntType()));

  @Test
  void protocolExampleDecodesAndEncodes() throws Exception {
    Object[] args = addOne.decode(Base64.getDecoder().decode("AAAAAAAAAAABAAAAAAAAAAAC"));
    assertThat(args).containsExactly(1L, 2L);
    assertThat(Base64.getEncoder().encodeToString(addOne.encode(new Object[] {1L, 2L})))
        .isEqualTo("AAAAAAAAAAABAAAAAAAAAAAC");
  }

  @Test
  void varcharExampleAndNull() throws Exception {
    ArgumentsCodec codec =
        new ArgumentsCodec(
            List.of("s", "t"), List.of(VarCharType.STRING_TYPE, VarCharType.STRING_TYPE));
    byte[] payload = {0, 0, 0, 0, 2, 'a', 'b', 1};
    assertThat(codec.decode(payload)).containsExactly(BinaryStringData.fromString("ab"), null);
    assertThat(codec.encode(new Object[] {BinaryStringData.fromString("ab"), null}))
        .isEqualTo(payload);
  }

  @Test
  void truncatedValueNamesTheArgument() {
    assertThatThrownBy(() -> addOne.decode(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0}))
        .isInstanceOf(CodecException.class)
        .hasMessage(
            "Cannot decode argument 2 (j BIGINT): the payload ends after 12 bytes, in the middle"
                + " of an 8-byte value (needs 8, 2 left)"
                + "; send the arguments encoded by the spec's types, e.g. with `shim encode-args`.");
  }

  @Test
  void leftoverBytesAreAnError() {
    byte[] payload = Arrays.copyOf(Base64.getDecoder().decode("AAAAAAAAAAABAAAAAAAAAAAC"), 21);
    assertThatThrownBy(() -> addOne.decode(payload))
        .hasMessage(
            "The payload has 3 bytes left after the last of its 2 arguments; send exactly the"
                + " encoded arguments.");
  }

  @Test
  void badNullFlagIsAnError() {
    assertThatThrownBy(() -> addOne.decode(new byte[] {7}))
        .hasMessage(
            "Cannot decode argument 1 (i BIGINT): the null flag at byte 0 is 0x07, not 0x00 or"
                + " 0x01"
                + "; send the arguments encoded by the spec's types, e.g. with `shim encode-args`.");
  }

  @Test
  void hugeDeclaredLengthIsAnErrorNotAnAllocation() {
    ArgumentsCodec codec = new ArgumentsCodec(List.of("s"), List.of(VarCharType.STRING_TYPE));
    assertThatThrownBy(
            () -> codec.decode(new byte[] {0, 0x7f, (byte) 0xff, (byte) 0xff, (byte) 0xff, 'a'}))
        .hasMessage(
            "Cannot decode argument 1 (s STRING): the length at byte 1 declares 2147483647 bytes,"
                + " but only 1 are left"
                + "; send the arguments encoded by the spec's types, e.g. with `shim encode-args`.");
    assertThatThrownBy(
            () -> codec.decode(new byte[] {0, (byte) 0xff, (byte) 0xff, (byte) 0xff, (byte) 0xfe}))
        .hasMessage(
            "Cannot decode argument 1 (s STRING): the length at byte 1 is negative (-2)"
                + "; send the arguments encoded by the spec's types, e.g. with `shim encode-args`.");
  }

  @Test
  void nestedLayoutsAreCheckedBeforeUse() {
    ArgumentsCodec array = new ArgumentsCodec(List.of("xs"), List.of(new ArrayType(new IntType())));
    // 8 bytes of layout that claim 1000 elements.
    byte[] payload = {0, 0, 0, 0, 8, (byte) 0xe8, 3, 0, 0, 0, 0, 0, 0};
    assertThatThrownBy(() -> array.decode(payload))
        .hasMessage(
            "Cannot decode argument 1 (xs ARRAY<INT>): an array declares 1000 elements, which do"
                + " not fit in its 8 bytes"
                + "; send the arguments encoded by the spec's types, e.g. with `shim encode-args`.");
    ArgumentsCodec row =
        new ArgumentsCodec(List.of("r"), List.of(RowType.of(new IntType(), new IntType())));
    assertThatThrownBy(() -> row.decode(new byte[] {0, 0, 0, 0, 4, 0, 0, 0, 0}))
        .hasMessage(
            "Cannot decode argument 1 (r ROW<`f0` INT, `f1` INT>): a row of 2 fields needs at"
                + " least 24 bytes of layout, but its length is 4"
                + "; send the arguments encoded by the spec's types, e.g. with `shim encode-args`.");
  }

  @Test
  void wideDecimalMustHoldOneToSixteenBytes() {
    ArgumentsCodec codec =
        new ArgumentsCodec(
            List.of("d"), List.of(new org.apache.flink.table.types.logical.DecimalType(30, 2)));
    assertThatThrownBy(() -> codec.decode(new byte[] {0, 0, 0, 0, 0}))
        .hasMessage(
            "Cannot decode argument 1 (d DECIMAL(30, 2)): a DECIMAL(30, 2) takes 1 to 16 bytes, not 0"
                + "; send the arguments encoded by the spec's types, e.g. with `shim encode-args`.");
  }

  @Test
  void decimalsWithMoreDigitsThanTheirPrecisionAreRefusedNotNulled() {
    ArgumentsCodec compact =
        new ArgumentsCodec(
            List.of("d"), List.of(new org.apache.flink.table.types.logical.DecimalType(3, 1)));
    // 1000 unscaled = 100.0, four digits in a DECIMAL(3, 1)
    assertThatThrownBy(() -> compact.decode(new byte[] {0, 0, 0, 0, 0, 0, 0, 3, (byte) 0xe8}))
        .hasMessageStartingWith(
            "Cannot decode argument 1 (d DECIMAL(3, 1)): the unscaled value 1000 has more than the"
                + " 3 digits of DECIMAL(3, 1);");
    ArgumentsCodec wide =
        new ArgumentsCodec(
            List.of("d"), List.of(new org.apache.flink.table.types.logical.DecimalType(19, 0)));
    byte[] twentyDigits = new java.math.BigInteger("99999999999999999999").toByteArray();
    byte[] payload = new byte[5 + twentyDigits.length];
    payload[4] = (byte) twentyDigits.length;
    System.arraycopy(twentyDigits, 0, payload, 5, twentyDigits.length);
    assertThatThrownBy(() -> wide.decode(payload))
        .hasMessageStartingWith(
            "Cannot decode argument 1 (d DECIMAL(19, 0)): the value has more than the 19 digits of"
                + " DECIMAL(19, 0);");
  }

  @Test
  void unsupportedTypesAreRefusedWhenTheCodecIsBuilt() {
    assertThatThrownBy(
            () ->
                ValueCodec.forType(
                    new org.apache.flink.table.types.logical.DayTimeIntervalType(
                        org.apache.flink.table.types.logical.DayTimeIntervalType.DayTimeResolution
                            .DAY)))
        .hasMessageStartingWith(
            "Type INTERVAL DAY(2) cannot cross the remote UDF wire format; use");
  }
}
