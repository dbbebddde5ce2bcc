package dev.udfshim.flink.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.udfshim.protocol.UdfKind;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.RowType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * signatures.json as Flink types, from the file and from the shim zip; what Flink reports for a
 * file it cannot use (the reader's own sentences: shim-protocol's SignaturesJsonTest).
 */
class ShimUdfTest {
  private static final ClassLoader LOADER = ShimUdfTest.class.getClassLoader();

  /** As the plugin writes it into target/shim/signatures.json. */
  static final String JSON =
      """
      {
        "shimVersion": "0.1.0-SNAPSHOT",
        "functions": [
          {
            "className": "com.example.udfs.AddOne",
            "kind": "SCALAR",
            "deterministic": true,
            "signatures": [
              {"index": 0, "argumentNames": ["i", "j"],
               "argumentTypes": ["BIGINT", "BIGINT"], "returnType": "BIGINT"}
            ]
          },
          {
            "className": "com.example.udfs.SplitWords",
            "kind": "TABLE",
            "deterministic": false,
            "signatures": [
              {"index": 0, "argumentNames": [],
               "argumentTypes": ["VARCHAR(2147483647)"],
               "returnType": "ROW<`word` VARCHAR(2147483647), `length` INT>"}
            ]
          }
        ],
        "errors": [
          {"className": "com.example.broken.NeedsConfig", "code": "NO_PUBLIC_NO_ARG_CONSTRUCTOR",
           "message": "..."}
        ]
      }
      """;

  @TempDir Path dir;

  @Test
  void readsFunctionsKindsDeterminismAndExactTypes() throws Exception {
    Path file = Files.writeString(dir.resolve("signatures.json"), JSON);
    List<ShimUdf> udfs = ShimUdf.read(file, LOADER);
    assertThat(udfs)
        .extracting(ShimUdf::className)
        .containsExactly("com.example.udfs.AddOne", "com.example.udfs.SplitWords");
    ShimUdf addOne = udfs.get(0);
    assertThat(addOne.kind()).isEqualTo(UdfKind.SCALAR);
    assertThat(addOne.deterministic()).isTrue();
    assertThat(addOne.simpleName()).isEqualTo("AddOne");
    assertThat(addOne.signatures().get(0).argumentNames()).containsExactly("i", "j");
    assertThat(addOne.signatures().get(0).argumentTypes())
        .containsExactly(new BigIntType(), new BigIntType());
    assertThat(addOne.signatures().get(0).describe()).isEqualTo("(BIGINT, BIGINT) -> BIGINT");
    ShimUdf split = udfs.get(1);
    assertThat(split.kind()).isEqualTo(UdfKind.TABLE);
    assertThat(split.deterministic()).isFalse();
    assertThat(split.signatures().get(0).returnType()).isInstanceOf(RowType.class);
    assertThat(((RowType) split.signatures().get(0).returnType()).getFieldNames())
        .containsExactly("word", "length");
  }

  @Test
  void readsTheSignaturesOfAShimZip() throws Exception {
    Path zip = dir.resolve("udfs-1.0-shim.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("bin/shim"));
      out.write("#!/bin/sh".getBytes(StandardCharsets.UTF_8));
      out.putNextEntry(new ZipEntry("signatures.json"));
      out.write(JSON.getBytes(StandardCharsets.UTF_8));
    }
    assertThat(ShimUdf.read(zip, LOADER)).hasSize(2);
  }

  @Test
  void aZipWithoutSignaturesIsNotAShimZip() throws Exception {
    Path zip = dir.resolve("other.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("README"));
    }
    assertThatThrownBy(() -> ShimUdf.read(zip, LOADER))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            zip
                + " has no signatures.json at its root, so it is not a shim zip; use the"
                + " <artifact>-shim.zip that `mvn package` wrote.");
  }

  @Test
  void aMissingFileSaysWhereTheSignaturesAre() {
    Path missing = dir.resolve("nope.json");
    assertThatThrownBy(() -> ShimUdf.read(missing, LOADER))
        .hasMessage(
            "The signatures file "
                + missing
                + " does not exist; point 'signatures' at the target/shim/signatures.json that"
                + " `mvn package` wrote, or at the shim zip.");
  }

  @Test
  void aBadFileIsAValidationExceptionWithTheReadersSentence() throws Exception {
    Path file = Files.writeString(dir.resolve("s.json"), "{}");
    assertThatThrownBy(() -> ShimUdf.read(file, LOADER))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            file
                + " has no \"functions\" list, so it is not a signatures.json; use the one `mvn"
                + " package` wrote into target/shim/ or the shim zip.");
  }
}
