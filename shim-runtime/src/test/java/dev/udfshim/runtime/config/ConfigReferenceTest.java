package dev.udfshim.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/config-vars.md equal to what the declarations say; with {@code
 * -Dshim.docs.update=true} it rewrites the file instead. Also holds every declaration to the rule
 * it documents.
 */
class ConfigReferenceTest {
  private static final Path DOC = Path.of("../docs/config-vars.md");

  @Test
  void theReferenceInDocsIsCurrent() throws Exception {
    String rendered = ConfigReference.render();
    if (Boolean.getBoolean("shim.docs.update")) {
      Files.writeString(DOC, rendered, StandardCharsets.UTF_8);
    }
    assertThat(DOC).isRegularFile();
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
        .as(
            "docs/config-vars.md is out of date; run mvn -pl shim-runtime -am test"
                + " -Dtest=ConfigReferenceTest -Dsurefire.failIfNoSpecifiedTests=false"
                + " -Dshim.docs.update=true")
        .isEqualTo(rendered);
  }

  @Test
  void everyVarHasOneRowWithItsDefaultAndRange() {
    String rendered = ConfigReference.render();

    assertThat(ConfigReference.options()).hasSize(19);
    for (ConfigOption<?> option : ConfigReference.options()) {
      assertThat(rendered).containsOnlyOnce("| `" + option.key() + "` |");
    }
    assertThat(rendered)
        .contains("| `spec_base64` | execution | base64 text | required |")
        .contains(
            "| `confluent.remote-udf.adapter.parallelism` | execution | whole number | `1` | 1 to"
                + " 1024 |")
        .contains("| `shim.shutdown.grace` | both | duration | `30 s` | 0 ms to 1 h |")
        .contains("| `shim.log.format` | both | `text` or `json` | `text` |  |")
        .contains(
            "| `shim.extraction.timeout.seconds` | extraction | whole number | `60` | 1 to 3600 |")
        .contains("| any other var `K` | execution |");
  }

  @Test
  void keysAreUniqueAndEachDefaultIsReadBackFromItsOwnTextWithinItsRange() throws Exception {
    Set<String> keys = new HashSet<>();
    for (ConfigOption<?> option : ConfigReference.options()) {
      assertThat(keys.add(option.key())).as(option.key()).isTrue();
      assertThat(option.description()).as(option.key()).isNotBlank().endsWith(".");
      assertReadBack(option);
    }
  }

  /** What the docs show as the default is what a user writing it gets, and it is in range. */
  private static <T extends Comparable<? super T>> void assertReadBack(ConfigOption<T> option)
      throws Exception {
    String text = option.format(option.defaultValue());
    Settings settings =
        new Settings(key -> Optional.ofNullable(Map.of(option.key(), text).get(key)));
    assertThat(settings.get(option)).as(option.key()).isEqualTo(option.defaultValue());
    if (option.min() != null) {
      assertThat(new Settings(key -> Optional.of(option.format(option.min()))).get(option))
          .isEqualTo(option.min());
      assertThat(new Settings(key -> Optional.of(option.format(option.max()))).get(option))
          .isEqualTo(option.max());
    }
  }
}
