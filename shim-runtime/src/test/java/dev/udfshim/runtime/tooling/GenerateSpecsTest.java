package dev.udfshim.runtime.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.udfshim.protocol.signatures.Signatures;
import dev.udfshim.protocol.spec.SpecCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The spec tree written into a folder that holds an earlier run's specs, against a fresh folder.
 */
class GenerateSpecsTest {
  @TempDir Path dir;

  private static Signatures.Function udf(String name, String... argumentTypes) {
    List<Signatures.Signature> signatures = new ArrayList<>();
    for (int i = 0; i < argumentTypes.length; i++) {
      signatures.add(new Signatures.Signature(i, List.of(), List.of(argumentTypes[i]), "BIGINT"));
    }
    return new Signatures.Function(name, "SCALAR", true, signatures);
  }

  private Path specsInto(Path out, String pluginId, Signatures.Function... functions)
      throws Exception {
    SpecTree.write(
        out,
        new Signatures("test", List.of(functions), List.of()),
        pluginId,
        getClass().getClassLoader());
    return out;
  }

  /** Every file and folder under the root, with the files' bytes. */
  private static Map<String, String> tree(Path root) throws Exception {
    Map<String, String> tree = new TreeMap<>();
    try (Stream<Path> walk = Files.walk(root)) {
      for (Path path : walk.toList()) {
        tree.put(
            root.relativize(path).toString(),
            Files.isDirectory(path) ? "<folder>" : Files.readString(path));
      }
    }
    return tree;
  }

  @Test
  void writesOneDecodableSpecPerSignature() throws Exception {
    Path out =
        specsInto(dir.resolve("out"), "p-1", udf("a.One", "BIGINT", "INT"), udf("b.Two", "STRING"));

    assertThat(tree(out).keySet())
        .containsExactly(
            "",
            "a.One",
            "a.One/0",
            "a.One/0/spec_base64",
            "a.One/1",
            "a.One/1/spec_base64",
            "b.Two",
            "b.Two/0",
            "b.Two/0/spec_base64");
    var spec = SpecCodec.fromBase64(Files.readString(out.resolve("a.One/1/spec_base64")));
    assertThat(spec.className()).isEqualTo("a.One");
    assertThat(spec.pluginId()).isEqualTo("p-1");
    assertThat(spec.argumentTypes()).singleElement().asString().isEqualTo("INT");
  }

  @Test
  void aRerunLeavesExactlyWhatAFreshRunWrites() throws Exception {
    Path out =
        specsInto(
            dir.resolve("out"),
            "",
            udf("a.One", "BIGINT", "INT"),
            udf("b.Two", "STRING"),
            udf("c.Three", "INT"));
    FileTime old = FileTime.fromMillis(1_000_000);
    Files.setLastModifiedTime(out.resolve("c.Three/0/spec_base64"), old);
    Files.setLastModifiedTime(out.resolve("b.Two/0/spec_base64"), old);

    // a.One loses a signature, b.Two changes its argument, b.Gone never was, c.Three stays.
    Signatures.Function[] now = {
      udf("a.One", "BIGINT"), udf("b.Two", "DOUBLE"), udf("c.Three", "INT")
    };
    specsInto(out, "", now);
    Path fresh = specsInto(dir.resolve("fresh"), "", now);

    assertThat(tree(out)).isEqualTo(tree(fresh));
    assertThat(Files.getLastModifiedTime(out.resolve("c.Three/0/spec_base64")))
        .as("an unchanged spec is not written again")
        .isEqualTo(old);
    assertThat(Files.getLastModifiedTime(out.resolve("b.Two/0/spec_base64"))).isNotEqualTo(old);
  }

  @Test
  void noSignaturesLeaveAnEmptyFolder() throws Exception {
    Path out = specsInto(dir.resolve("out"), "", udf("a.One", "BIGINT"));
    specsInto(out, "");
    assertThat(tree(out)).containsOnlyKeys("");
    assertThat(tree(specsInto(dir.resolve("fresh"), ""))).containsOnlyKeys("");
  }
}
