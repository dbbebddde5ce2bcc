package dev.udfshim.runtime.tooling;

import dev.udfshim.runtime.client.ArgsSplitter;
import dev.udfshim.runtime.client.SignatureChooser;
import dev.udfshim.runtime.client.SignatureChooser.Chosen;
import dev.udfshim.runtime.client.TextCalls;
import dev.udfshim.runtime.extraction.UdfSignature;
import dev.udfshim.tooling.ExtractAnswer;
import dev.udfshim.tooling.InvokeAnswer;
import dev.udfshim.tooling.InvokeRequest;
import dev.udfshim.tooling.SignatureInvokeRequest;
import dev.udfshim.tooling.ToolingException;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;
import org.apache.flink.table.types.utils.TypeConversions;

/** One call to a server with values as people type them, answered as the CLI's invoke prints it. */
final class LocalInvoke {
  private LocalInvoke() {}

  static InvokeAnswer invoke(InvokeRequest request, ExtractedUdfs udfs, ClassLoader loader)
      throws ToolingException {
    TextCalls.Result result;
    try {
      if (request.extract()) {
        result = TextCalls.extract(request.target(), request.className());
      } else {
        List<String> values = ArgsSplitter.split(request.args());
        Chosen chosen =
            SignatureChooser.choose(
                udfs.get(request.className()),
                request.className(),
                request.signature(),
                null,
                loader,
                s -> s.takes(values.size()));
        result = TextCalls.execute(request.target(), chosen, values, loader);
      }
    } catch (IllegalArgumentException e) {
      // a value that does not parse, no signature that fits, a target that is not host:port
      return InvokeAnswer.failed("error: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return InvokeAnswer.failed("error: interrupted while calling " + request.target());
    }
    return new InvokeAnswer(result.lines(), result.error());
  }

  /** The call with the signature as recorded: its types parsed, no UDF class loaded. */
  static InvokeAnswer invoke(SignatureInvokeRequest request, ClassLoader loader) {
    ExtractAnswer.Signature recorded = request.signature();
    TextCalls.Result result;
    try {
      List<DataType> types = new ArrayList<>();
      for (String type : recorded.argumentTypes()) {
        types.add(dataType(type, loader));
      }
      UdfSignature signature =
          new UdfSignature(
              recorded.argumentNames(),
              types,
              dataType(recorded.returnType(), loader),
              recorded.argumentOptional());
      result =
          TextCalls.execute(
              request.target(),
              signature,
              request.table(),
              ArgsSplitter.split(request.args()),
              loader);
    } catch (IllegalArgumentException e) {
      return InvokeAnswer.failed("error: " + e.getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return InvokeAnswer.failed("error: interrupted while calling " + request.target());
    }
    return new InvokeAnswer(result.lines(), result.error());
  }

  private static DataType dataType(String type, ClassLoader loader) {
    return TypeConversions.fromLogicalToDataType(LogicalTypeParser.parse(type, loader));
  }
}
