package dev.udfshim.protocol.spec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class SpecCodecTest {
  static final String EXAMPLE =
      "CghwbHVnaW4tMRIadGVzdHMudWRmX2ZpeHR1cmVzLmFkZF9vbmUaGgoYChYKCQoBaRoECAQQAQoJCgFqGgQIBBABIhAKDgoMCgoKAmYwGgQIBBAB";

  @Test
  void protocolExampleSpecReadsAndWritesBackIdentically() throws Exception {
    UdfSpec spec = SpecCodec.fromBase64(EXAMPLE);

    assertThat(spec)
        .isEqualTo(
            new UdfSpec(
                "plugin-1",
                "tests.udf_fixtures.add_one",
                List.of("i", "j"),
                List.of(new BigIntType(), new BigIntType()),
                new BigIntType(),
                Map.of()));
    assertThat(SpecCodec.toBase64(spec)).isEqualTo(EXAMPLE);
  }

  @Test
  void whitespaceAndLineBreaksAreIgnored() throws Exception {
    String wrapped = EXAMPLE.substring(0, 40) + "\n  " + EXAMPLE.substring(40) + "\n";
    assertThat(SpecCodec.fromBase64(wrapped).className()).isEqualTo("tests.udf_fixtures.add_one");
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "BOOLEAN NOT NULL",
        "TINYINT",
        "SMALLINT",
        "INT",
        "BIGINT NOT NULL",
        "FLOAT",
        "DOUBLE",
        "DECIMAL(38, 10)",
        "DECIMAL(5, 0) NOT NULL",
        "CHAR(3)",
        "VARCHAR(2147483647)",
        "BINARY(16)",
        "VARBINARY(2147483647)",
        "DATE",
        "TIME(0)",
        "TIME(3)",
        "TIMESTAMP(3)",
        "TIMESTAMP(9)",
        "TIMESTAMP(6) WITH LOCAL TIME ZONE",
        "ARRAY<INT NOT NULL>",
        "MAP<VARCHAR(2147483647), ARRAY<BIGINT>>",
        "MULTISET<VARCHAR(10)>",
        "ROW<`a` INT, `b` ROW<`c` DECIMAL(20, 2) 'a description'>> NOT NULL"
      })
  void everyWireTypeSurvivesTheSpecSchema(String typeString) throws Exception {
    LogicalType type = LogicalTypeParser.parse(typeString, getClass().getClassLoader());
    UdfSpec spec = new UdfSpec("p", "x.Y", List.of("a0"), List.of(type), type, Map.of());

    UdfSpec back = SpecCodec.fromBase64(SpecCodec.toBase64(spec));

    assertThat(back.argumentTypes()).containsExactly(type);
    assertThat(back.resultType()).isEqualTo(type);
  }

  @Test
  void olderBinaryFormIsDetectedByItsFirstByte() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    out.writeUTF("org-1");
    out.writeUTF("env-1");
    out.writeUTF("plugin-1");
    out.writeUTF("version-1");
    out.writeUTF("tests.udf_fixtures.add_one");
    out.writeBoolean(true);
    out.writeUTF("BIGINT");
    out.writeInt(2);
    out.writeUTF("BIGINT");
    out.writeUTF("BIGINT NOT NULL");
    out.writeInt(1);
    out.writeUTF("confluent.remote-udf.adapter.parallelism");
    out.writeUTF("4");
    assertThat(bytes.toByteArray()[0]).isZero();

    UdfSpec spec = SpecCodec.fromBase64(Base64.getEncoder().encodeToString(bytes.toByteArray()));

    assertThat(spec)
        .isEqualTo(
            new UdfSpec(
                "plugin-1",
                "tests.udf_fixtures.add_one",
                Arrays.asList(null, null),
                List.of(new BigIntType(), new BigIntType(false)),
                new BigIntType(),
                Map.of("confluent.remote-udf.adapter.parallelism", "4")));
  }

  private static String legacySpecReturning(String resultType) throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(bytes);
    for (String field : new String[] {"org", "env", "plugin", "version", "x.Y"}) {
      out.writeUTF(field);
    }
    out.writeBoolean(true);
    out.writeUTF(resultType);
    out.writeInt(0);
    return Base64.getEncoder().encodeToString(bytes.toByteArray());
  }

  @Test
  void olderBinaryFormWithABadTypeSaysWhichAndWhatToDo() throws Exception {
    String unknown = legacySpecReturning("BIGINTEGER");
    assertThatThrownBy(() -> SpecCodec.fromBase64(unknown))
        .hasMessage(
            "In spec_base64, the type of the result ('BIGINTEGER') is not one the remote UDF wire"
                + " format carries; regenerate the spec with `gen-spec`.");
    String broken = legacySpecReturning("DECIMAL(10,");
    assertThatThrownBy(() -> SpecCodec.fromBase64(broken))
        .hasMessageStartingWith(
            "In spec_base64, the type of the result ('DECIMAL(10,') does not parse (")
        .hasMessageEndingWith("); regenerate the spec with `gen-spec`.");
  }

  @Test
  void badBase64() {
    assertThatThrownBy(() -> SpecCodec.fromBase64("not base64!"))
        .isInstanceOf(SpecException.class)
        .hasMessageStartingWith("spec_base64 is not valid base64 (")
        .hasMessageEndingWith("); write the output of `gen-spec` into it unchanged.");
  }

  @Test
  void bytesThatAreNoSpec() {
    assertThatThrownBy(() -> SpecCodec.fromBase64("//////////8="))
        .hasMessageStartingWith("spec_base64 does not hold a PythonRemoteUdfSpec (")
        .hasMessageEndingWith("); regenerate it with `gen-spec`.");
    assertThatThrownBy(() -> SpecCodec.fromBase64(""))
        .hasMessage("spec_base64 is empty; write the output of `gen-spec` into it.");
    assertThatThrownBy(() -> SpecCodec.fromBase64("AAVvcmct"))
        .hasMessage(
            "spec_base64 holds a binary spec that ends too early; regenerate it with `gen-spec`.");
  }

  @Test
  void specWithoutSchemaOrWithABadTypeSaysWhich() {
    assertThatThrownBy(() -> SpecCodec.fromBase64("EgN4Llk=")) // class_name only
        .hasMessage("spec_base64 has no schema in input_coder; regenerate it with `gen-spec`.");
    // argument of type DECIMAL without decimal_info
    String decimal =
        Base64.getEncoder()
            .encodeToString(
                io.confluent.flink.udf.execution.v1.FlinkExecApi.PythonRemoteUdfSpec.newBuilder()
                    .setClassName("x.Y")
                    .setInputCoder(
                        io.confluent.flink.udf.execution.v1.FlinkExecApi.CoderInfoDescriptor
                            .newBuilder()
                            .setFlattenRowType(
                                io.confluent.flink.udf.execution.v1.FlinkExecApi.CoderInfoDescriptor
                                    .FlattenRowType.newBuilder()
                                    .setSchema(
                                        io.confluent.flink.udf.execution.v1.FlinkExecApi.Schema
                                            .newBuilder()
                                            .addFields(
                                                io.confluent.flink.udf.execution.v1.FlinkExecApi
                                                    .Schema.Field.newBuilder()
                                                    .setName("d")
                                                    .setType(
                                                        io.confluent.flink.udf.execution.v1
                                                            .FlinkExecApi.Schema.FieldType
                                                            .newBuilder()
                                                            .setTypeNameValue(5))))))
                    .build()
                    .toByteArray());
    assertThatThrownBy(() -> SpecCodec.fromBase64(decimal))
        .hasMessage(
            "In spec_base64, argument 1 is unusable: a DECIMAL field has no decimal_info"
                + " (precision and scale).");
  }
}
