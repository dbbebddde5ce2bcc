package dev.udfshim.runtime.cli;

import dev.udfshim.runtime.extraction.UdfExtractor;
import io.confluent.flink.udf.extractor.v1.ExtractionResponse;
import io.confluent.flink.udf.extractor.v1.Signature;
import java.io.PrintWriter;
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
    return print(className, response, spec.commandLine().getOut(), spec.commandLine().getErr());
  }

  /** The answer as people read it; exit code 1 for an error answer. */
  static int print(
      String className, ExtractionResponse response, PrintWriter out, PrintWriter err) {
    if (response.hasError()) {
      err.println(
          "error ("
              + response.getError().getCode()
              + "): "
              + response.getError().getErrorMessage());
      return 1;
    }
    out.println(
        className
            + ": "
            + response.getFunctionKind()
            + (response.getIsDeterministic() ? ", deterministic" : ", not deterministic"));
    for (int i = 0; i < response.getSignaturesCount(); i++) {
      out.println("  [" + i + "] " + render(response.getSignatures(i)));
    }
    return 0;
  }

  static String render(Signature signature) {
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < signature.getArgumentTypesCount(); i++) {
      if (i > 0) {
        text.append(", ");
      }
      if (i < signature.getArgumentNamesCount()) {
        text.append(signature.getArgumentNames(i)).append(' ');
      }
      text.append(signature.getArgumentTypes(i));
    }
    return text.append(") -> ").append(signature.getReturnType()).toString();
  }
}
