package dev.udfshim.runtime.cli;

import dev.udfshim.runtime.client.SignatureChooser.Chosen;
import dev.udfshim.runtime.spec.SpecCodec;
import dev.udfshim.runtime.spec.UdfSpec;
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
      "Prints the spec_base64 config var for one signature of a UDF.",
      "Write it into the config override dir: gen-spec <class> > scp_config/spec_base64"
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
        .println(SpecCodec.toBase64(UdfSpec.of(pluginId, className, chosen.signature())));
    return 0;
  }
}
