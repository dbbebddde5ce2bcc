package dev.udfshim.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.udfshim.runtime.config.ConfigOption;
import dev.udfshim.runtime.config.Settings;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Keeps docs/config-vars.md equal to what the declarations say (what {@code shim config-vars}
 * prints); with {@code -Dshim.docs.update=true} it rewrites the file instead. Also holds every
 * declaration to the rule the page documents.
 */
class ConfigVarsCommandTest {
  private static final Path DOC = Path.of("../docs/config-vars.md");
  private static final String UPDATE =
      "mvn -pl shim-runtime -am test -Dtest=ConfigVarsCommandTest"
          + " -Dsurefire.failIfNoSpecifiedTests=false -Dshim.docs.update=true";

  static String page() {
    return "# Config vars\n\n"
        + "<!-- Generated from the declarations in"
        + " shim-runtime/src/main/java/dev/udfshim/runtime/config/*Options.java\n"
        + "     (the text of `bin/shim config-vars`) by ConfigVarsCommandTest, which fails when"
        + " this file\n"
        + "     is out of date. Do not edit: change the declaration, then run\n"
        + "     "
        + UPDATE
        + " -->\n\n"
        + ConfigVarsCommand.reference();
  }

  @Test
  void theReferenceInDocsIsCurrent() throws Exception {
    String rendered = page();
    if (Boolean.getBoolean("shim.docs.update")) {
      Files.writeString(DOC, rendered, StandardCharsets.UTF_8);
    }
    assertThat(DOC).isRegularFile();
    assertThat(Files.readString(DOC, StandardCharsets.UTF_8))
        .as("docs/config-vars.md is out of date; run " + UPDATE)
        .isEqualTo(rendered);
  }

  @Test
  void theCommandPrintsTheReference() {
    StringWriter out = new StringWriter();
    int exit =
        ShimCli.run(
            new String[] {"config-vars"},
            new PrintWriter(out),
            new PrintWriter(new StringWriter()));

    assertThat(exit).isZero();
    assertThat(out.toString()).isEqualTo(ConfigVarsCommand.reference());
  }

  @Test
  void everyVarHasOneRowWithItsDefaultAndRange() {
    String rendered = ConfigVarsCommand.reference();

    assertThat(ConfigVarsCommand.options()).hasSize(23);
    for (ConfigOption<?> option : ConfigVarsCommand.options()) {
      assertThat(rendered).containsOnlyOnce("| `" + option.key() + "` |");
    }
    assertThat(rendered)
        .contains("| `spec_base64` | execution | base64 text | required |")
        .contains(
            "| `confluent.remote-udf.adapter.parallelism` | execution | whole number | `1` | 1 to"
                + " 1024 |")
        .contains("| `shim.shutdown.grace` | both | duration | `30 s` | 0 ms to 1 h |")
        .contains("| `shim.log.format` | both | `text` or `json` | `text` |  |")
        .contains("| `shim.server.token` | both | text | none |  |")
        .contains("| `shim.metrics.port` | both | whole number | `0` | 0 to 65535 |")
        .contains(
            "| `shim.extraction.timeout.seconds` | extraction | whole number | `60` | 1 to 3600 |")
        .contains("| any other var `K` | execution |");
  }

  @Test
  void keysAreUniqueAndEachDefaultIsReadBackFromItsOwnTextWithinItsRange() throws Exception {
    Set<String> keys = new HashSet<>();
    for (ConfigOption<?> option : ConfigVarsCommand.options()) {
      assertThat(keys.add(option.key())).as(option.key()).isTrue();
      assertThat(option.description()).as(option.key()).isNotBlank().endsWith(".");
      assertReadBack(option);
    }
  }

  /** What the page shows as the default and bounds is what a user writing them gets. */
  private static <T extends Comparable<? super T>> void assertReadBack(ConfigOption<T> option)
      throws Exception {
    assertThat(read(option, option.format(option.defaultValue())))
        .as(option.key())
        .isEqualTo(option.defaultValue());
    if (option.min() != null) {
      assertThat(read(option, option.format(option.min()))).isEqualTo(option.min());
      assertThat(read(option, option.format(option.max()))).isEqualTo(option.max());
    }
  }

  private static <T extends Comparable<? super T>> T read(ConfigOption<T> option, String text)
      throws Exception {
    return new Settings(key -> key.equals(option.key()) ? Optional.of(text) : Optional.empty())
        .get(option);
  }
}
