package dev.udfshim.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.udfshim.protocol.codec.ValueCodec;
import dev.udfshim.protocol.framing.Framing;
import dev.udfshim.protocol.layout.ShimLayout;
import io.confluent.flink.udf.extractor.v1.ExtractionRequest;
import io.confluent.flink.udf.extractor.v1.ExtractionResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.conversion.DataStructureConverter;
import org.apache.flink.table.data.conversion.DataStructureConverters;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The artifact a user's {@code mvn package} produced (shim-maven-plugin/src/it/udf-project-good),
 * unzipped into an empty folder and started from there alone: no Maven, no class path but the zip's
 * launcher.
 */
class ShimArtifactIT {
  @TempDir static Path unpacked;
  private static ShimZip zip;

  @BeforeAll
  static void unzip() {
    zip = ShimZip.unpack("udf-project-good", "good-udfs-1.0.0-shim.zip", unpacked);
  }

  private static ShimProcess serve(String handler, Path configDir) throws Exception {
    return zip.serve(handler, configDir);
  }

  @Test
  void launcherIsExecutableInTheZip() {
    assertThat(unpacked.resolve(ShimLayout.LAUNCHER)).isExecutable();
    assertThat(unpacked.resolve(ShimLayout.UDF_LIB).resolve("good-udfs-1.0.0.jar")).isRegularFile();
  }

  @Test
  void extractionFromTheUnzippedArtifact() throws Exception {
    Path empty = Files.createDirectories(unpacked.resolve("empty-config"));
    try (ShimProcess server = serve("extraction", empty)) {
      ExtractionResponse addOne =
          ExtractionResponse.parseFrom(
              Calls.invoke(
                  server.port(),
                  ExtractionRequest.newBuilder()
                      .setClassName("com.example.udfs.AddOne")
                      .build()
                      .toByteArray()));
      assertThat(addOne.getSignatures(0).getArgumentNamesList()).containsExactly("i", "j");
      assertThat(addOne.getSignatures(0).getArgumentTypesList())
          .containsExactly("BIGINT", "BIGINT");
      assertThat(addOne.getFunctionKind()).isEqualTo("SCALAR");

      ExtractionResponse split =
          ExtractionResponse.parseFrom(
              Calls.invoke(
                  server.port(),
                  ExtractionRequest.newBuilder()
                      .setClassName("com.example.udfs.SplitWords")
                      .build()
                      .toByteArray()));
      assertThat(split.getFunctionKind()).isEqualTo("TABLE");
      assertThat(split.getSignatures(0).getReturnType())
          .isEqualTo("ROW<`word` VARCHAR(2147483647), `length` INT>");
    }
  }

  @Test
  void executionOfAScalarUdfWithABundledDependency() throws Exception {
    // HexUpper signature 0: (text STRING) -> STRING, using commons-codec from lib/udf.
    try (ShimProcess server =
        serve(
            "execution",
            unpacked.resolve(ShimLayout.specDirectory("com.example.udfs.HexUpper", 0)))) {
      byte[] response = Calls.invoke(server.port(), HexFormat.of().parseHex("0000000003616263"));
      assertThat(HexFormat.of().formatHex(response)).isEqualTo("0000000006" + "343134323433");
    }
  }

  @Test
  void executionOfATableUdfAnswersEveryRow() throws Exception {
    try (ShimProcess server =
        serve(
            "execution",
            unpacked.resolve(ShimLayout.specDirectory("com.example.udfs.SplitWords", 0)))) {
      // VARCHAR "a bc": flag, length 4, bytes.
      byte[] response =
          Calls.invoke(server.port(), HexFormat.of().parseHex("0000000004" + "61206263"));

      DataType row =
          DataTypes.ROW(
              DataTypes.FIELD("word", DataTypes.STRING()),
              DataTypes.FIELD("length", DataTypes.INT()));
      DataStructureConverter<Object, Object> converter = DataStructureConverters.getConverter(row);
      converter.open(getClass().getClassLoader());
      List<Object> rows =
          Framing.ONE_ROW
              .readRows(response, 1, ValueCodec.forType(row.getLogicalType()))
              .get(0)
              .stream()
              .map(converter::toExternalOrNull)
              .toList();
      assertThat(rows).containsExactly(Row.of("a", 1), Row.of("bc", 2));
    }
  }
}
