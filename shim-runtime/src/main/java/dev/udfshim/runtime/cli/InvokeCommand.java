package dev.udfshim.runtime.cli;

import dev.udfshim.runtime.client.ArgsSplitter;
import dev.udfshim.runtime.client.SignatureChooser.Chosen;
import dev.udfshim.runtime.client.TextCalls;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Calls a running server once and prints the answer readably; exit 1 on an error answer. */
@Command(
    name = "invoke",
    mixinStandardHelpOptions = true,
    description = {
      "Calls FunctionRuntime/Invoke on a server and prints the answer.",
      "Execution: encodes the values by the UDF's signature and prints the decoded result (a table"
          + " function: one row per line). Extraction (--extract): prints the signatures.",
      "An error answer is printed to standard error and the exit code is 1."
    })
final class InvokeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = "--target",
      defaultValue = "localhost:50051",
      description = "Server address host:port. Default: ${DEFAULT-VALUE}.")
  String target;

  @Option(
      names = {"--function", "-f"},
      required = true,
      paramLabel = "<class>",
      description = "Fully qualified class name of the UDF.")
  String function;

  @Option(
      names = "--extract",
      description = "Ask an extraction server for the UDF's signatures instead of running it.")
  boolean extract;

  @Option(
      names = "--args",
      paramLabel = "<v1,v2,...>",
      description =
          "The argument values, comma-separated (quote strings that hold commas: '\"a,b\",2')."
              + " Alternative to giving them as parameters.")
  String args;

  @Parameters(paramLabel = "<value>", description = "The argument values, one per parameter.")
  List<String> values = new ArrayList<>();

  @Mixin SignatureChoice choice;

  @Mixin UdfClassPath udfClassPath;

  @Override
  public Integer call() throws InterruptedException {
    TextCalls.Result result;
    if (extract) {
      result = TextCalls.extract(target, function);
    } else {
      List<String> arguments = args != null ? ArgsSplitter.split(args) : values;
      ClassLoader loader = udfClassPath.loader();
      Chosen chosen = choice.choose(function, loader, s -> s.takes(arguments.size()));
      result = TextCalls.execute(target, chosen, arguments, loader);
    }
    result.lines().forEach(spec.commandLine().getOut()::println);
    if (result.error() != null) {
      spec.commandLine().getErr().println(result.error());
      return 1;
    }
    return 0;
  }
}
