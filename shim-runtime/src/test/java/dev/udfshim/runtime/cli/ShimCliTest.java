package dev.udfshim.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

class ShimCliTest {
  @Test
  void serveOnItsOwnHasTheTreesUsageOptionsAndErrors() {
    CommandLine inTree = ShimCli.commandLine().getSubcommands().get("serve");
    CommandLine alone = ShimCli.serveCommandLine();

    assertThat(alone.getUsageMessage()).isEqualTo(inTree.getUsageMessage()).contains("shim serve");
    assertThat(alone.getCommandSpec().optionsMap().keySet())
        .isEqualTo(inTree.getCommandSpec().optionsMap().keySet());

    StringWriter treeErr = new StringWriter();
    int treeExit =
        ShimCli.run(
            new String[] {"serve", "--no-such-option"},
            new PrintWriter(new StringWriter()),
            new PrintWriter(treeErr));
    StringWriter err = new StringWriter();
    alone.setErr(new PrintWriter(err));
    assertThat(alone.execute("--no-such-option")).isEqualTo(treeExit).isEqualTo(2);
    assertThat(err.toString())
        .isEqualTo(treeErr.toString())
        .contains("Unknown option: '--no-such-option'");
  }

  @Test
  void aBadLogFormatVarStopsServeWithTheSettingsSentence(@TempDir Path configDir) throws Exception {
    Files.writeString(configDir.resolve("shim.log.format"), "xml\n");
    StringWriter err = new StringWriter();

    int exit =
        ShimCli.run(
            new String[] {
              "serve", "--handler_name", "extraction", "--config_override_dir", configDir.toString()
            },
            new PrintWriter(new StringWriter()),
            new PrintWriter(err));

    assertThat(exit).isEqualTo(1);
    assertThat(err.toString())
        .isEqualTo(
            "error: Config var shim.log.format must be text or json, not 'xml'; correct or remove"
                + " it."
                + System.lineSeparator());
  }
}
