package dev.udfshim.runtime.cli;

import dev.udfshim.runtime.client.TextCalls;
import dev.udfshim.runtime.extraction.UdfExtractor;
import io.confluent.flink.udf.extractor.v1.ExtractionResponse;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints what the extraction handler would answer for a class, without a server. */
@Command(
    name = "extract",
    mixinStandardHelpOptions = true,
    description =
        "Prints the signatures, determinism and kind of a UDF class, or its extraction error"
            + " (exit 1).")
final class ExtractCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(paramLabel = "<class>", description = "Fully qualified class name of the UDF.")
  String className;

  @Mixin UdfClassPath udfClassPath;

  @Override
  public Integer call() {
    ExtractionResponse response = new UdfExtractor(udfClassPath.loader()).extract(className);
    TextCalls.Result result = TextCalls.describe(className, response);
    result.lines().forEach(spec.commandLine().getOut()::println);
    if (result.error() != null) {
      spec.commandLine().getErr().println(result.error());
      return 1;
    }
    return 0;
  }
}
