package dev.udfshim.protocol.signatures;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** signatures.json as the plugin writes it, from the file and from the shim zip; bad files. */
class SignaturesJsonTest {
  private static final ClassLoader LOADER = SignaturesJsonTest.class.getClassLoader();

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
  void readsFunctionsKindsDeterminismAndTypeStrings() throws Exception {
    Path file = Files.writeString(dir.resolve("signatures.json"), JSON);
    Signatures signatures = SignaturesJson.read(file, LOADER);
    assertThat(signatures.shimVersion()).isEqualTo("0.1.0-SNAPSHOT");
    assertThat(signatures.functions())
        .containsExactly(
            new Signatures.Function(
                "com.example.udfs.AddOne",
                "SCALAR",
                true,
                List.of(
                    new Signatures.Signature(
                        0, List.of("i", "j"), List.of("BIGINT", "BIGINT"), "BIGINT"))),
            new Signatures.Function(
                "com.example.udfs.SplitWords",
                "TABLE",
                false,
                List.of(
                    new Signatures.Signature(
                        0,
                        List.of(),
                        List.of("VARCHAR(2147483647)"),
                        "ROW<`word` VARCHAR(2147483647), `length` INT>"))));
    assertThat(signatures.errors())
        .containsExactly(
            new Signatures.Failure(
                "com.example.broken.NeedsConfig", "NO_PUBLIC_NO_ARG_CONSTRUCTOR", "..."));
  }

  @Test
  void whatTheWriterWritesTheReaderReadsBack() {
    Signatures signatures = SignaturesJson.parse(JSON, "s.json", LOADER);
    String written = SignaturesJson.write(signatures);
    assertThat(SignaturesJson.parse(written, "again.json", LOADER)).isEqualTo(signatures);
    // Pretty-printed, characters as they are (no HTML escapes: "<" and "`" stay).
    assertThat(written)
        .startsWith("{\n  \"shimVersion\": \"0.1.0-SNAPSHOT\",\n  \"functions\": [")
        .contains("\"returnType\": \"ROW<`word` VARCHAR(2147483647), `length` INT>\"");
  }

  @Test
  void optionalArgumentsAreWrittenOnlyWhereThereAreAny() {
    Signatures signatures =
        new Signatures(
            "1",
            List.of(
                new Signatures.Function(
                    "a.Greet",
                    "SCALAR",
                    true,
                    List.of(
                        new Signatures.Signature(
                            0,
                            List.of("name", "greeting"),
                            List.of("VARCHAR(2147483647)", "VARCHAR(2147483647)"),
                            "VARCHAR(2147483647)",
                            List.of(false, true)),
                        new Signatures.Signature(
                            1, List.of(), List.of("INT"), "INT", List.of(false))))),
            List.of());
    String written = SignaturesJson.write(signatures);
    assertThat(written).containsOnlyOnce("\"argumentOptional\"");
    Signatures read = SignaturesJson.parse(written, "s.json", LOADER);
    assertThat(read).isEqualTo(signatures);
    assertThat(read.functions().get(0).signatures().get(1).argumentOptional()).isEmpty();

    assertThatThrownBy(
            () -> SignaturesJson.parse(written.replace("false,", ""), "bad.json", LOADER))
        .isInstanceOf(SignaturesException.class)
        .hasMessageContaining("has 1 argumentOptional flags for 2 types");
  }

  @Test
  void missingOptionalFieldsTakeTheirDefaults() {
    Signatures signatures =
        SignaturesJson.parse(
            "{\"functions\": [{\"className\": \"a.B\", \"kind\": \"SCALAR\", \"signatures\":"
                + " [{\"argumentTypes\": [], \"returnType\": \"INT\"}]}]}",
            "s.json",
            LOADER);
    assertThat(signatures.functions())
        .containsExactly(
            new Signatures.Function(
                "a.B",
                "SCALAR",
                true,
                List.of(new Signatures.Signature(0, List.of(), List.of(), "INT"))));
    assertThat(signatures.errors()).isEmpty();
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
    assertThat(SignaturesJson.read(zip, LOADER).functions()).hasSize(2);
  }

  @Test
  void aZipWithoutSignaturesIsNotAShimZip() throws Exception {
    Path zip = dir.resolve("other.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("README"));
    }
    assertThatThrownBy(() -> SignaturesJson.read(zip, LOADER))
        .isInstanceOf(SignaturesException.class)
        .hasMessage(
            zip
                + " has no signatures.json at its root, so it is not a shim zip; use the"
                + " <artifact>-shim.zip that `mvn package` wrote.");
  }

  @Test
  void aMissingFileIsLeftToTheCallerToWord() {
    Path missing = dir.resolve("nope.json");
    assertThatThrownBy(() -> SignaturesJson.read(missing, LOADER))
        .isInstanceOf(NoSuchFileException.class);
  }

  @Test
  void badFilesAreRefusedWithASentence() {
    assertThatThrownBy(() -> SignaturesJson.parse("{not json", "s.json", LOADER))
        .hasMessageStartingWith("s.json is not a signatures.json (")
        .hasMessageEndingWith(
            "); use the one `mvn package` wrote into target/shim/ or the shim zip.");
    assertThatThrownBy(() -> SignaturesJson.parse("{}", "s.json", LOADER))
        .hasMessage(
            "s.json has no \"functions\" list, so it is not a signatures.json; use the one `mvn"
                + " package` wrote into target/shim/ or the shim zip.");
    assertThatThrownBy(
            () ->
                SignaturesJson.parse(JSON.replace("\"TABLE\"", "\"AGGREGATE\""), "s.json", LOADER))
        .hasMessage(
            "s.json, com.example.udfs.SplitWords has kind AGGREGATE, not SCALAR or TABLE;"
                + " rebuild the UDF project with the shim plugin to regenerate it.");
    assertThatThrownBy(
            () ->
                SignaturesJson.parse(
                    JSON.replace("[\"BIGINT\", \"BIGINT\"]", "[\"BIGNUM\", \"BIGINT\"]"),
                    "s.json",
                    LOADER))
        .hasMessage(
            "s.json, com.example.udfs.AddOne signature 0 has type 'BIGNUM', and `BIGNUM` cannot"
                + " cross the wire (docs/protocol.md, Values); rebuild the UDF project with the shim"
                + " plugin to regenerate it.");
    assertThatThrownBy(
            () ->
                SignaturesJson.parse(
                    JSON.replace("\"returnType\": \"BIGINT\"", "\"returnType\": \"ROW<a INT\""),
                    "s.json",
                    LOADER))
        .hasMessageStartingWith(
            "s.json, com.example.udfs.AddOne signature 0 has type 'ROW<a INT', which Flink cannot"
                + " parse (");
    assertThatThrownBy(
            () -> SignaturesJson.parse(JSON.replace("[\"i\", \"j\"]", "[\"i\"]"), "s.json", LOADER))
        .hasMessage(
            "s.json, com.example.udfs.AddOne signature 0 has 1 argument names for 2 types;"
                + " rebuild the UDF project with the shim plugin to regenerate it.");
    assertThatThrownBy(
            () ->
                SignaturesJson.parse("{\"functions\": [{\"kind\": \"SCALAR\"}]}", "s.json", LOADER))
        .hasMessage(
            "s.json, function 1 has no className; rebuild the UDF project with the shim plugin"
                + " to regenerate it.");
  }
}
