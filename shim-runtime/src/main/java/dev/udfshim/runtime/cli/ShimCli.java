package dev.udfshim.runtime.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the shim runtime: the server and the tools around it. */
@Command(
    name = "shim",
    mixinStandardHelpOptions = true,
    versionProvider = ShimCli.Version.class,
    description = "Runs Apache Flink UDFs behind the remote function platform's gRPC interface.",
    subcommands = {ServeCommand.class, ExtractCommand.class, CommandLine.HelpCommand.class})
public final class ShimCli {

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  /** The configured command line, for tests and embedding. */
  public static CommandLine commandLine() {
    return new CommandLine(new ShimCli()).setUsageHelpAutoWidth(true);
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = ShimCli.class.getPackage().getImplementationVersion();
      return new String[] {"shim-runtime " + (version != null ? version : "(development build)")};
    }
  }
}
