package dev.udfshim.runtime.cli;

import dev.udfshim.runtime.client.PayloadText;
import dev.udfshim.runtime.extraction.UdfSignature;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints the base64 Invoke payload of an argument tuple, typed by a signature of the UDF. */
@Command(
    name = "encode-args",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the base64 execution payload for the given argument values.",
      "Values: numbers, strings, ISO-8601 dates and times, base64 bytes, JSON for ARRAY, MAP,"
          + " MULTISET and ROW, and null."
    })
final class EncodeArgsCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<class>", description = "Fully qualified class name.")
  String className;

  @Parameters(index = "1..*", paramLabel = "<value>", description = "One value per argument.")
  List<String> values = new ArrayList<>();

  @Mixin SignatureChoice choice;

  @Mixin UdfClassPath udfClassPath;

  @Override
  public Integer call() {
    ClassLoader loader = udfClassPath.loader();
    UdfSignature signature =
        choice.choose(className, loader, s -> s.takes(values.size())).signature();
    spec.commandLine()
        .getOut()
        .println(Base64.getEncoder().encodeToString(PayloadText.encode(signature, values, loader)));
    return 0;
  }
}
