package dev.udfshim.runtime.cli;

import dev.udfshim.protocol.config.ConfigKeys;
import dev.udfshim.protocol.layout.ShimLayout;
import dev.udfshim.protocol.spec.SpecCodec;
import dev.udfshim.runtime.client.SignatureChooser.Chosen;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints the spec_base64 that makes the execution handler run one signature of a UDF. */
@Command(
    name = "gen-spec",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the " + ConfigKeys.SPEC_VAR + " config var for one signature of a UDF.",
      "Write it into the config override dir: gen-spec <class> > "
          + ShimLayout.CONFIG_ROOT
          + "/"
          + ConfigKeys.SPEC_VAR
    })
final class GenSpecCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<class>", description = "Fully qualified class name of the UDF.")
  String className;

  @Mixin SignatureChoice choice;

  @Option(
      names = "--plugin-id",
      defaultValue = "",
      description = "Plugin id written into the spec. Default: empty.")
  String pluginId;

  @Mixin UdfClassPath udfClassPath;

  @Override
  public Integer call() {
    Chosen chosen = choice.choose(className, udfClassPath.loader(), s -> true);
    spec.commandLine()
        .getOut()
        .println(SpecCodec.toBase64(chosen.signature().spec(pluginId, className)));
    return 0;
  }
}
