package dev.udfshim.flink.wiring;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.udfshim.flink.client.RemoteCall;
import dev.udfshim.flink.client.RemoteUdfException;
import dev.udfshim.flink.signatures.ShimSignature;
import dev.udfshim.protocol.codec.CodecException;
import dev.udfshim.protocol.framing.ControlFrames;
import dev.udfshim.protocol.layout.ShimLayout;
import io.confluent.flink.udf.extractor.v1.ExtractionResponse;
import java.util.List;
import java.util.concurrent.ExecutionException;
import org.apache.flink.table.types.logical.LogicalType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Whether the server an endpoint names is the one it should be, by one cheap call when a function
 * opens: the describe control frame (docs/protocol.md, *Control frames*), which the execution
 * handler answers without running the UDF. An extraction server, or an execution server of another
 * class or signature, fails the open with one sentence naming the cause and the fix, instead of a
 * codec error on the first row. A server that predates control frames answers an error text: it is
 * not checked.
 */
public final class ServerCheck {
  private static final Logger LOG = LoggerFactory.getLogger(ServerCheck.class);

  private ServerCheck() {}

  /**
   * Sends the describe frame and compares the answer with the signature the endpoint names.
   *
   * @param target the endpoint, for sentences ("com.example.AddOne signature 0 at host:port")
   * @throws RemoteUdfException with the sentence when the server is another one, or the call failed
   */
  public static void verify(
      RemoteCall call, String className, ShimSignature signature, String target) {
    byte[] answer;
    try {
      answer = call.invoke(ControlFrames.describeRequest()).get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new RemoteUdfException("Interrupted while checking " + target + ".", e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RemoteUdfException failed && failed.getCause() == null) {
        // An error answer: a server from before control frames. Calls still work; no check.
        LOG.info("{} does not answer the describe frame (an older server); not checked", target);
        return;
      }
      if (e.getCause() instanceof RuntimeException failed) {
        throw failed;
      }
      throw new RemoteUdfException("Checking " + target + " failed.", e.getCause());
    }
    String problem = problem(answer, className, signature, target);
    if (problem != null) {
      throw new RemoteUdfException(problem);
    }
  }

  /**
   * What is wrong with a describe answer, or null when it names this signature (or is no
   * description an extraction server would give): for a client that sends describe itself.
   */
  public static String problem(
      byte[] answer, String className, ShimSignature signature, String target) {
    ControlFrames.Description description;
    try {
      description = ControlFrames.Description.decode(answer);
    } catch (CodecException e) {
      if (isExtractionAnswer(answer)) {
        return target
            + " is an extraction server (it answered with an ExtractionResponse); point the"
            + " endpoint at the execution server of "
            + ShimLayout.specDirectory(className, signature.index())
            + " ("
            + ShimLayout.LAUNCHER
            + " serve --handler_name execution --config_override_dir "
            + ShimLayout.specDirectory(className, signature.index())
            + ", or serve --all).";
      }
      LOG.info("{} answered the describe frame with something else ({}); not checked", target, e);
      return null;
    }
    List<String> expected = signature.argumentTypes().stream().map(ServerCheck::text).toList();
    boolean same =
        description.handler().equals("execution")
            && description.className().equals(className)
            && description.signature() == signature.index()
            && description.argumentTypes().equals(expected)
            && description.resultType().equals(text(signature.returnType()));
    if (same) {
      return null;
    }
    return target
        + " serves "
        + description.className()
        + " signature "
        + description.signature()
        + " ("
        + String.join(", ", description.argumentTypes())
        + ") -> "
        + description.resultType()
        + ", not the one the endpoint names ("
        + signature.describe()
        + "); fix 'endpoints', or start that server with --config_override_dir "
        + ShimLayout.specDirectory(className, signature.index())
        + ".";
  }

  private static boolean isExtractionAnswer(byte[] answer) {
    try {
      ExtractionResponse response = ExtractionResponse.parseFrom(answer);
      return response.hasError() || response.getSignaturesCount() > 0;
    } catch (InvalidProtocolBufferException e) {
      return false;
    }
  }

  private static String text(LogicalType type) {
    return type.asSerializableString();
  }
}
