package dev.udfshim.flink.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

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

/** signatures.json as the plugin writes it, from the file and from the shim zip; bad files. */
class SignaturesReaderTest {
  private static final ClassLoader LOADER = SignaturesReaderTest.class.getClassLoader();

  /** The plugin's layout (BuildTools.Signatures), as in target/shim/signatures.json. */
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
    List<ShimUdf> udfs = SignaturesReader.read(file, LOADER);
    assertThat(udfs)
        .extracting(ShimUdf::className)
        .containsExactly("com.example.udfs.AddOne", "com.example.udfs.SplitWords");
    ShimUdf addOne = udfs.get(0);
    assertThat(addOne.kind()).isEqualTo(ShimUdf.Kind.SCALAR);
    assertThat(addOne.deterministic()).isTrue();
    assertThat(addOne.simpleName()).isEqualTo("AddOne");
    assertThat(addOne.signatures().get(0).argumentNames()).containsExactly("i", "j");
    assertThat(addOne.signatures().get(0).argumentTypes())
        .containsExactly(new BigIntType(), new BigIntType());
    assertThat(addOne.signatures().get(0).describe()).isEqualTo("(BIGINT, BIGINT) -> BIGINT");
    ShimUdf split = udfs.get(1);
    assertThat(split.kind()).isEqualTo(ShimUdf.Kind.TABLE);
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
    assertThat(SignaturesReader.read(zip, LOADER)).hasSize(2);
  }

  @Test
  void aZipWithoutSignaturesIsNotAShimZip() throws Exception {
    Path zip = dir.resolve("other.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("README"));
    }
    assertThatThrownBy(() -> SignaturesReader.read(zip, LOADER))
        .isInstanceOf(ValidationException.class)
        .hasMessage(
            zip
                + " has no signatures.json at its root, so it is not a shim zip; use the"
                + " <artifact>-shim.zip that `mvn package` wrote.");
  }

  @Test
  void aMissingFileSaysWhereTheSignaturesAre() {
    Path missing = dir.resolve("nope.json");
    assertThatThrownBy(() -> SignaturesReader.read(missing, LOADER))
        .hasMessage(
            "The signatures file "
                + missing
                + " does not exist; point 'signatures' at the target/shim/signatures.json that"
                + " `mvn package` wrote, or at the shim zip.");
  }

  @Test
  void badFilesAreRefusedWithASentence() {
    assertThatThrownBy(() -> SignaturesReader.parse("{not json", "s.json", LOADER))
        .hasMessageStartingWith("s.json is not a signatures.json (")
        .hasMessageEndingWith(
            "); use the one `mvn package` wrote into target/shim/ or the shim zip.");
    assertThatThrownBy(() -> SignaturesReader.parse("{}", "s.json", LOADER))
        .hasMessage(
            "s.json has no \"functions\" list, so it is not a signatures.json; use the one `mvn"
                + " package` wrote into target/shim/ or the shim zip.");
    assertThatThrownBy(
            () ->
                SignaturesReader.parse(
                    JSON.replace("\"TABLE\"", "\"AGGREGATE\""), "s.json", LOADER))
        .hasMessage(
            "s.json, com.example.udfs.SplitWords has kind AGGREGATE, not SCALAR or TABLE;"
                + " rebuild the UDF project with the shim plugin to regenerate it.");
    assertThatThrownBy(
            () ->
                SignaturesReader.parse(
                    JSON.replace("[\"BIGINT\", \"BIGINT\"]", "[\"BIGNUM\", \"BIGINT\"]"),
                    "s.json",
                    LOADER))
        .hasMessage(
            "s.json, com.example.udfs.AddOne signature 0 has type 'BIGNUM', and `BIGNUM` cannot"
                + " cross the wire (docs/protocol.md, Values); rebuild the UDF project with the shim"
                + " plugin to regenerate it.");
    assertThatThrownBy(
            () ->
                SignaturesReader.parse(
                    JSON.replace("\"returnType\": \"BIGINT\"", "\"returnType\": \"ROW<a INT\""),
                    "s.json",
                    LOADER))
        .hasMessageStartingWith(
            "s.json, com.example.udfs.AddOne signature 0 has type 'ROW<a INT', which Flink cannot"
                + " parse (");
    assertThatThrownBy(
            () ->
                SignaturesReader.parse(JSON.replace("[\"i\", \"j\"]", "[\"i\"]"), "s.json", LOADER))
        .hasMessage(
            "s.json, com.example.udfs.AddOne signature 0 has 1 argument names for 2 types;"
                + " rebuild the UDF project with the shim plugin to regenerate it.");
    assertThatThrownBy(
            () ->
                SignaturesReader.parse(
                    "{\"functions\": [{\"kind\": \"SCALAR\"}]}", "s.json", LOADER))
        .hasMessage(
            "s.json, function 1 has no className; rebuild the UDF project with the shim plugin"
                + " to regenerate it.");
  }
}
