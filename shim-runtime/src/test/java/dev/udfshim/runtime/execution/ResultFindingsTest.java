package dev.udfshim.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.udfshim.fixtures.Findings;
import dev.udfshim.protocol.framing.ArgumentsCodec;
import dev.udfshim.protocol.spec.SpecCodec;
import dev.udfshim.runtime.config.ExecutionOptions;
import dev.udfshim.runtime.extraction.UdfExtractor;
import dev.udfshim.runtime.extraction.UdfSignature;
import dev.udfshim.runtime.handler.ConfigDirContext;
import dev.udfshim.runtime.handler.HandlerException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.apache.flink.table.types.logical.IntType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Results Flink cannot give exactly (a DECIMAL that overflows its type), payloads of another
 * signature, and state a serialization round trip takes away: each answered as Flink would, or
 * refused with one sentence.
 */
class ResultFindingsTest {
  @TempDir Path configDir;
  private final ExecutionHandler handler = new ExecutionHandler();
  private ConfigDirContext context;

  @AfterEach
  void close() {
    if (context != null) {
      handler.close(context);
    }
  }

  private void open(Class<?> udf, String... vars) throws Exception {
    UdfSignature signature =
        new UdfExtractor(getClass().getClassLoader()).inspect(udf.getName()).signatures().get(0);
    Files.writeString(
        configDir.resolve("spec_base64"), SpecCodec.toBase64(signature.spec("", udf.getName())));
    for (int i = 0; i < vars.length; i += 2) {
      Files.writeString(configDir.resolve(vars[i]), vars[i + 1]);
    }
    context = new ConfigDirContext(configDir);
    handler.open(context);
  }

  /** One INT argument, as every fixture here takes. */
  private byte[] call(int value) throws HandlerException {
    return handler.handleRequest(
        new ArgumentsCodec(List.of("a"), List.of(new IntType())).encode(new Object[] {value}),
        context);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  @Test
  void anOverflowingDecimalInANullableResultIsNullAsInFlink() throws Exception {
    open(Findings.Overflow.class);
    assertThat(hex(call(1))).isEqualTo("01");
    assertThat(hex(call(0))).isEqualTo("00" + "000000000000007d"); // 1.25: unscaled 125
  }

  @Test
  void anOverflowingDecimalInANotNullResultIsRefused() throws Exception {
    open(Findings.OverflowNotNull.class);
    assertThatThrownBy(() -> call(1))
        .isInstanceOf(HandlerException.class)
        .hasMessage(
            Findings.OverflowNotNull.class.getName()
                + ".eval returned a value where 123456789.12 does not fit the result DECIMAL(9, 2)"
                + " NOT NULL, which holds 9 digits: Flink turns it into NULL, which the NOT NULL"
                + " result cannot hold, and fails the query; round the value to the type, or"
                + " declare a wider DECIMAL.");
  }

  @Test
  void inARowANotNullFieldIsRefusedAndANullableFieldIsNull() throws Exception {
    open(Findings.OverflowInRow.class);
    assertThatThrownBy(() -> call(1))
        .hasMessageContaining(
            "123456789.12 does not fit field d DECIMAL(9, 2) NOT NULL, which holds 9 digits:"
                + " Flink turns it into NULL, which the NOT NULL field cannot hold (the row reads"
                + " 0.00, the field NULL)");
    // Field d 1.25, field e NULL: the row's null bits mark field 1.
    byte[] answer = call(2);
    assertThat(answer[0]).isZero();
    assertThat(hex(answer)).isEqualTo(hex(expectedRowWithNullE()));
  }

  private static byte[] expectedRowWithNullE() throws Exception {
    // What Flink's own serializer writes for ROW<d DECIMAL(9, 2) NOT NULL, e DECIMAL(9, 2)>
    // holding (1.25, NULL), behind the value's null flag.
    org.apache.flink.table.types.logical.RowType row =
        (org.apache.flink.table.types.logical.RowType)
            org.apache.flink.table.types.logical.utils.LogicalTypeParser.parse(
                "ROW<d DECIMAL(9, 2) NOT NULL, e DECIMAL(9, 2)>",
                ResultFindingsTest.class.getClassLoader());
    var converter =
        org.apache.flink.table.data.conversion.DataStructureConverters.getConverter(
            org.apache.flink.table.types.utils.TypeConversions.fromLogicalToDataType(row));
    converter.open(ResultFindingsTest.class.getClassLoader());
    Object internal =
        converter.toInternalOrNull(
            org.apache.flink.types.Row.of(new java.math.BigDecimal("1.25"), null));
    var writer = dev.udfshim.protocol.codec.ValueCodec.forType(row);
    var out = new dev.udfshim.protocol.codec.WireWriter(64);
    writer.write(internal, out);
    return out.toByteArray();
  }

  @Test
  void anOverflowingDecimalInAnArrayIsRefused() throws Exception {
    open(Findings.OverflowInArray.class);
    assertThatThrownBy(() -> call(1))
        .hasMessageContaining(
            "123456789.12 does not fit an element DECIMAL(9, 2), which holds 9 digits: Flink"
                + " turns it into NULL, and fails the query there (a NullPointerException)");
    call(0);
  }

  @Test
  void aPayloadOfAnotherSignatureNamesTheServersSignatureAndThePayload() throws Exception {
    open(Findings.Overflow.class);
    byte[] twoArguments = HexFormat.of().parseHex("00" + "00000001" + "00" + "00000002");
    assertThatThrownBy(() -> handler.handleRequest(twoArguments, context))
        .hasMessage(
            "This server runs "
                + Findings.Overflow.class.getName()
                + " (big INT) -> DECIMAL(9, 2), which the payload of 10 byte(s)"
                + " (00000000010000000002) does not fit: the payload has 5 bytes left after the"
                + " last of its 1 arguments; a call for another signature or server?");
    assertThatThrownBy(() -> handler.handleRequest(new byte[0], context))
        .hasMessageStartingWith(
            "This server runs "
                + Findings.Overflow.class.getName()
                + " (big INT) -> DECIMAL(9, 2), which the payload of 0 byte(s) (empty) does not"
                + " fit: cannot decode");
  }

  @Test
  void theRoundTripFlinkShipsFunctionsWithTakesTransientStateAndSaysSo() throws Exception {
    open(Findings.TransientFormatter.class, ExecutionOptions.SERIALIZE_INSTANCES.key(), "true");
    assertThatThrownBy(() -> call(0))
        .hasMessageStartingWith(
            Findings.TransientFormatter.class.getName()
                + ".eval threw java.lang.NullPointerException")
        .hasMessageEndingWith(
            " (its transient field format, set by the constructor, is null after the Java"
                + " serialization round trip that Flink ships functions with: create it in open(),"
                + " or test without the trip: UdfTester's withoutSerialization())");
  }

  @Test
  void withoutTheRoundTripTheConstructorsStateServes() throws Exception {
    open(Findings.TransientFormatter.class);
    assertThat(call(0)).isNotEmpty();
  }
}
