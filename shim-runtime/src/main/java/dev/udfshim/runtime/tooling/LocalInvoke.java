package dev.udfshim.runtime.tooling;

import dev.udfshim.runtime.client.ArgsSplitter;
import dev.udfshim.runtime.client.SignatureChooser;
import dev.udfshim.runtime.client.SignatureChooser.Chosen;
import dev.udfshim.runtime.client.TextCalls;
import dev.udfshim.tooling.InvokeAnswer;
import dev.udfshim.tooling.InvokeRequest;
import dev.udfshim.tooling.ToolingException;
import java.util.List;

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
}
