package dev.udfshim.maven.protoc;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ProtocGeneratorTest {
  @TempDir Path dir;
  private final List<String> log = new ArrayList<>();
  private final ProtocPlatform linux = new ProtocPlatform("linux-x86_64", false);

  @Test
  void listsProtoFilesRelativeAndSorted() throws Exception {
    Files.createDirectories(dir.resolve("b/c"));
    Files.writeString(dir.resolve("z.proto"), "");
    Files.writeString(dir.resolve("b/c/a.proto"), "");
    Files.writeString(dir.resolve("b/notes.txt"), "");
    assertThat(ProtocGenerator.listProtoFiles(dir)).containsExactly("b/c/a.proto", "z.proto");
  }

  @Test
  void folderWithoutProtoFilesCompilesNothingAndResolvesNothing() throws Exception {
    ProtocGenerator generator =
        new ProtocGenerator(
            new ToolResolver() {
              @Override
              public Path resolve(String g, String a, String v, String c) {
                throw new AssertionError("nothing to resolve");
              }

              @Override
              public Path resolveJar(String g, String a, String v) {
                throw new AssertionError("nothing to resolve");
              }
            },
            linux,
            log::add);
    ProtocRequest request =
        new ProtocRequest(
            dir.resolve("missing"), dir.resolve("out"), dir.resolve("work"), true, "1", "2");
    assertThat(generator.generate(request)).isEqualTo(ProtocGenerator.Outcome.NO_SOURCES);
    assertThat(log).singleElement().asString().contains("No .proto files in");
  }

  @Test
  void unresolvableToolFailsWithTheResolversMessage() throws Exception {
    Files.writeString(dir.resolve("a.proto"), "syntax = \"proto3\";");
    ProtocGenerator generator =
        new ProtocGenerator(
            new ToolResolver() {
              @Override
              public Path resolve(String g, String a, String v, String c) throws ProtocException {
                throw new ProtocException("Cannot resolve " + g + ":" + a + ":exe:" + c + ":" + v);
              }

              @Override
              public Path resolveJar(String g, String a, String v) {
                throw new AssertionError("protoc comes first");
              }
            },
            linux,
            log::add);
    ProtocRequest request =
        new ProtocRequest(dir, dir.resolve("out"), dir.resolve("work"), true, "3.25.9", "1.83.1");
    assertThatThrownBy(() -> generator.generate(request))
        .isInstanceOf(ProtocException.class)
        .hasMessage("Cannot resolve com.google.protobuf:protoc:exe:linux-x86_64:3.25.9");
  }

  @Test
  void aJarWhoseEntryLeadsOutsideTheFolderIsRefusedAndNothingIsWrittenThere() throws Exception {
    Path jar = dir.resolve("protobuf-java-crafted.jar");
    try (java.util.zip.ZipOutputStream out =
        new java.util.zip.ZipOutputStream(Files.newOutputStream(jar))) {
      out.putNextEntry(new java.util.zip.ZipEntry("google/protobuf/any.proto"));
      out.write("syntax = \"proto3\";".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.closeEntry();
      out.putNextEntry(new java.util.zip.ZipEntry("google/protobuf/../../../escaped.proto"));
      out.write("pwned".getBytes(java.nio.charset.StandardCharsets.UTF_8));
      out.closeEntry();
    }
    Path into = dir.resolve("work/include");

    assertThatThrownBy(() -> ProtocGenerator.unpackWellKnownTypes(jar, into))
        .isInstanceOf(ProtocException.class)
        .hasMessageContaining("holds the entry 'google/protobuf/../../../escaped.proto'")
        .hasMessageEndingWith(
            "the jar is damaged or was tampered with: delete it from the local repository so"
                + " Maven downloads it again.");
    assertThat(dir.resolve("escaped.proto")).doesNotExist();
    assertThat(dir.resolve("work/escaped.proto")).doesNotExist();
    assertThat(into.resolve("google/protobuf/any.proto")).isRegularFile();
  }
}
