package dev.udfshim.runtime.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
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
        .contains("Missing required option: '--handler_name=<name>'");
  }
}
