package dev.udfshim.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.udfshim.protocol.codec.ValueCodec;
import dev.udfshim.protocol.codec.WireWriter;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.conversion.DataStructureConverter;
import org.apache.flink.table.data.conversion.DataStructureConverters;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

/** The seed's spec_tools round trip, as the README shows it. */
class SpecToolsTest {

  private record Run(int exit, String out, String err) {}

  private static Run shim(String stdin, String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    InputStream in = System.in;
    ByteArrayOutputStream outBytes = new ByteArrayOutputStream();
    ByteArrayOutputStream errBytes = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(outBytes, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(errBytes, true, StandardCharsets.UTF_8));
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      int exit = ShimCli.commandLine().execute(args);
      return new Run(
          exit,
          outBytes.toString(StandardCharsets.UTF_8),
          errBytes.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
      System.setIn(in);
    }
  }

  @Test
  void genSpecOfTheSeedExampleIsTheProtocolDocsSpec() {
    assertThat(shim("", "gen-spec", "--plugin-id", "plugin-1", "tests.udf_fixtures.add_one"))
        .isEqualTo(
            new Run(
                0,
                "CghwbHVnaW4tMRIadGVzdHMudWRmX2ZpeHR1cmVzLmFkZF9vbmUaGgoYChYKCQoBaRoECAQQAQoJCgFqGgQIBBABIhAKDgoMCgoKAmYwGgQIBBAB\n",
                ""));
  }

  @Test
  void encodeArgsAndDecodeResultMatchTheProtocolExamples() {
    assertThat(shim("", "encode-args", "tests.udf_fixtures.add_one", "1", "2"))
        .isEqualTo(new Run(0, "AAAAAAAAAAABAAAAAAAAAAAC\n", ""));
    assertThat(shim("", "encode-args", "tests.udf_fixtures.add_one", "null", "2").out())
        .isEqualTo("AQAAAAAAAAAAAg==\n");
    assertThat(shim("", "decode-result", "tests.udf_fixtures.add_one", "AAAAAAAAAAAD"))
        .isEqualTo(new Run(0, "3\n", ""));
    assertThat(shim("AAAAAAAAAAAD\n", "decode-result", "tests.udf_fixtures.add_one", "-"))
        .isEqualTo(new Run(0, "3\n", ""));
    assertThat(shim("AQ==", "decode-result", "tests.udf_fixtures.add_one", "-"))
        .isEqualTo(new Run(0, "null\n", ""));
  }

  @Test
  void errorAnswersAreShownAsErrors() {
    String errorAnswer =
        Base64.getEncoder()
            .encodeToString(
                "tests.udf_fixtures.add_one.eval threw boom".getBytes(StandardCharsets.UTF_8));

    assertThat(shim(errorAnswer, "decode-result", "tests.udf_fixtures.add_one", "-"))
        .isEqualTo(new Run(1, "", "error: tests.udf_fixtures.add_one.eval threw boom\n"));
  }

  @Test
  void compositeValuesAreJsonBothWays() {
    Run encoded =
        shim(
            "",
            "encode-args",
            "--signature",
            "2",
            "dev.udfshim.fixtures.Exec$Collections",
            "café",
            "12.5",
            "[\"x\", null]");
    assertThat(encoded.exit()).as(encoded.err()).isZero();

    Run listed = shim("", "extract", "dev.udfshim.fixtures.Exec$Collections");
    assertThat(listed.out())
        .contains(
            "  [2] (name VARCHAR(2147483647), total DECIMAL(10, 2), tags ARRAY<VARCHAR(2147483647)>)"
                + " -> ROW<`name` VARCHAR(2147483647), `total` DECIMAL(10, 2), `tags`"
                + " ARRAY<VARCHAR(2147483647)>>");
  }

  @Test
  void tableResultsPrintOneRowPerLine() {
    // Two rows of ROW<ch STRING, pos INT>, framed as the execution handler answers them.
    DataType rowType =
        DataTypes.ROW(
            DataTypes.FIELD("ch", DataTypes.STRING()), DataTypes.FIELD("pos", DataTypes.INT()));
    DataStructureConverter<Object, Object> converter =
        DataStructureConverters.getConverter(rowType);
    converter.open(getClass().getClassLoader());
    ValueCodec codec = ValueCodec.forType(rowType.getLogicalType());
    WireWriter out = new WireWriter();
    out.writeInt(2);
    codec.write(converter.toInternal(Row.of("a", 0)), out);
    codec.write(converter.toInternal(Row.of("é", 1)), out);
    String payload = Base64.getEncoder().encodeToString(out.toByteArray());

    assertThat(shim(payload, "decode-result", "dev.udfshim.fixtures.Exec$Chars", "-"))
        .isEqualTo(new Run(0, "[\"a\",0]\n[\"é\",1]\n", ""));
  }

  @Test
  void badValuesAndAmbiguousSignaturesAreOneSentence() {
    assertThat(shim("", "encode-args", "tests.udf_fixtures.add_one", "1", "two"))
        .isEqualTo(new Run(1, "", "error: Argument 2 (j): 'two' is not a BIGINT value.\n"));
    assertThat(shim("", "encode-args", "tests.udf_fixtures.add_one", "1"))
        .isEqualTo(
            new Run(
                1,
                "",
                "error: The signature (i BIGINT, j BIGINT) -> BIGINT takes 2 argument(s), but 1"
                    + " value(s) were given.\n"));
    assertThat(shim("", "gen-spec", "dev.udfshim.fixtures.Overloaded"))
        .isEqualTo(
            new Run(
                1,
                "",
                "error: More than one signature of 'dev.udfshim.fixtures.Overloaded' fits; choose"
                    + " one with --signature <n> from 3 signature(s): [0] (value DOUBLE) -> DOUBLE"
                    + " [1] (value INT) -> INT [2] (text VARCHAR(2147483647), times INT) ->"
                    + " VARCHAR(2147483647)\n"));
    assertThat(shim("", "gen-spec", "--types", "INT", "dev.udfshim.fixtures.Overloaded").exit())
        .isZero();
    assertThat(
            shim("", "encode-args", "dev.udfshim.fixtures.Exec$Temporal", "2024-13-01", "x", "y"))
        .isEqualTo(
            new Run(
                1,
                "",
                "error: Argument 1 (date): '2024-13-01' is not a DATE value (write dates as"
                    + " 2024-12-31).\n"));
  }
}
