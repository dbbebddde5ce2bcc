package dev.udfshim.maven.incremental;

import static org.assertj.core.api.Assertions.assertThat;

import dev.udfshim.maven.project.ProjectContext;
import dev.udfshim.tooling.BuildLayout;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A goal's parameters are its request record's components: none can be left out. */
class IncrementalTest {
  record Request(
      ProjectContext project, Path shimDirectory, List<String> functions, boolean failOnError) {}

  record WithMap(Map<String, String> parameters) {}

  private static String parameters(Record request) {
    InputDigest digest = new InputDigest(null);
    Incremental.parameters(digest, request);
    return digest.digest(Incremental.PARAMETERS);
  }

  @Test
  void everyPlainComponentCountsAndTheMavenProjectDoesNotAsAValue() {
    Request request = new Request(null, Path.of("/a"), List.of("x.F"), true);
    assertThat(parameters(request))
        .isEqualTo(parameters(new Request(null, Path.of("/a"), List.of("x.F"), true)))
        .isNotEqualTo(parameters(new Request(null, Path.of("/a"), List.of("x.F"), false)))
        .isNotEqualTo(parameters(new Request(null, Path.of("/b"), List.of("x.F"), true)))
        .isNotEqualTo(parameters(new Request(null, Path.of("/a"), List.of(), true)));
  }

  @Test
  void mapsDigestAlikeInAnyOrder() {
    Map<String, String> ab = new LinkedHashMap<>();
    ab.put("a", "1");
    ab.put("b", "2");
    Map<String, String> ba = new LinkedHashMap<>();
    ba.put("b", "2");
    ba.put("a", "1");
    assertThat(parameters(new WithMap(ab)))
        .isEqualTo(parameters(new WithMap(ba)))
        .isNotEqualTo(parameters(new WithMap(Map.of("a", "1"))));
  }

  @Test
  void aLayoutRecordedForTheSameRuntimeNeedsNoRuntimeCall(@TempDir Path shim) throws Exception {
    Files.createDirectories(shim.resolve("records"));
    Files.writeString(
        shim.resolve("records/layout.properties"),
        "runtime=abc\nsignatures=/s/sig.json\nconfig=/s/config\nlocal=/s/local\n"
            + "testClassPath=/s/test-classpath\ntestFlink=/s/test-classpath/flink.version\n");
    // No runtime is given: a call to it would fail.
    assertThat(new Incremental().layout(shim, "abc", null))
        .isEqualTo(
            new BuildLayout(
                Path.of("/s/sig.json"),
                Path.of("/s/config"),
                Path.of("/s/local"),
                Path.of("/s/test-classpath"),
                Path.of("/s/test-classpath/flink.version")));
  }

  @Test
  void aNullComponentIsAValueOfItsOwn() {
    assertThat(parameters(new WithMap(null))).isNotEqualTo(parameters(new WithMap(Map.of())));
  }
}
