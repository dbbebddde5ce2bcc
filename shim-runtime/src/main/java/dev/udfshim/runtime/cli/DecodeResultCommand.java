package dev.udfshim.runtime.cli;

import dev.udfshim.protocol.codec.CodecException;
import dev.udfshim.runtime.client.PayloadText;
import dev.udfshim.runtime.client.SignatureChooser.Chosen;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.utils.TypeConversions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

/** Prints the value in a base64 execution response; error answers are printed as errors. */
@Command(
    name = "decode-result",
    mixinStandardHelpOptions = true,
    description = {
      "Prints the value held by a base64 execution response (a table function: one row per line).",
      "Reads the base64 from standard input when given '-', e.g. grpcurl ... | jq -r .payload |"
          + " shim decode-result <class> -",
      "An error answer (UTF-8 text) is printed to standard error with exit code 1."
    })
final class DecodeResultCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Parameters(index = "0", paramLabel = "<class>", description = "Fully qualified class name.")
  String className;

  @Parameters(index = "1", paramLabel = "<base64>|-", description = "The payload, or - for stdin.")
  String payload;

  @Mixin SignatureChoice choice;

  @Mixin UdfClassPath udfClassPath;

  @Override
  public Integer call() throws IOException {
    ClassLoader loader = udfClassPath.loader();
    Chosen chosen = choice.choose(className, loader, s -> true);
    String text =
        payload.equals("-")
            ? new String(System.in.readAllBytes(), StandardCharsets.UTF_8)
            : payload;
    byte[] bytes;
    try {
      bytes = Base64.getDecoder().decode(text.replaceAll("\\s", ""));
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "The payload is not base64 (" + e.getMessage() + "); pass the response's payload field.");
    }
    DataType type =
        TypeConversions.fromLogicalToDataType(chosen.signature().returnType().getLogicalType());
    try {
      for (String line : PayloadText.decode(bytes, type, chosen.isTable(), loader)) {
        spec.commandLine().getOut().println(line);
      }
      return 0;
    } catch (CodecException e) {
      Optional<String> errorText = PayloadText.asText(bytes);
      if (errorText.isPresent()) {
        spec.commandLine().getErr().println("error: " + errorText.get());
      } else {
        spec.commandLine()
            .getErr()
            .println(
                "error: the payload is not a "
                    + type.getLogicalType().asSummaryString()
                    + " result: "
                    + e.getMessage());
      }
      return 1;
    }
  }
}
