package dev.udfshim.maven.docs;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/plugin-reference.md equal to what the descriptor of this build says; with {@code
 * -Dshim.docs.update=true} it rewrites the file instead.
 */
class PluginReferenceTest {
  private static final Path DESCRIPTOR = Path.of("target/classes/META-INF/maven/plugin.xml");
  private static final Path DOC = Path.of("../docs/plugin-reference.md");

  @Test
  void theReferenceInDocsIsCurrent() throws Exception {
    String rendered = PluginReference.render(DESCRIPTOR);
    if (Boolean.getBoolean("shim.docs.update")) {
      Files.writeString(DOC, rendered, StandardCharsets.UTF_8);
    }
    assertThat(DOC).isRegularFile();
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
        .as(
            "docs/plugin-reference.md is out of date; run mvn -pl shim-maven-plugin -am test"
                + " -Dtest=PluginReferenceTest -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dshim.docs.update=true")
        .isEqualTo(rendered);
  }

  @Test
  void everyGoalAndEditableParameterIsThere() throws Exception {
    String rendered = PluginReference.render(DESCRIPTOR);
    assertThat(rendered)
        .contains("## shim:init", "## shim:invoke", "## shim:package", "## shim:run")
        .contains("| `jvmArguments` | String | `shim.jvmArguments` |")
        .contains("| `uploadLimit` | String | `shim.uploadLimit` | `100MiB` |")
        .doesNotContain("`project`", "`repositorySystemSession`");
  }
}
