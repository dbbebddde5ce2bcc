package dev.udfshim.runtime.client;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.udfshim.protocol.codec.CodecException;
import dev.udfshim.runtime.client.ServerCall.CallFailedException;
import dev.udfshim.runtime.client.SignatureChooser.Chosen;
import dev.udfshim.runtime.extraction.UdfSignature;
import io.confluent.flink.udf.extractor.v1.ExtractionRequest;
import io.confluent.flink.udf.extractor.v1.ExtractionResponse;
import io.confluent.flink.udf.extractor.v1.Signature;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.utils.TypeConversions;

/**
 * One call to a server with values as people type them, and the answer as people read it: what
 * {@code shim invoke} prints and {@code mvn shim:invoke} logs.
 */
public final class TextCalls {
  private TextCalls() {}

  /**
   * The answer: lines to print, or the error line to print instead ({@code error: <the server's
   * error answer, or why the call failed>}).
   */
  public record Result(List<String> lines, String error) {
    static Result failed(String message) {
      return new Result(List.of(), "error: " + message);
    }
  }

  /**
   * Runs a chosen signature on the target with the values. A value that does not parse or a target
   * that is not host:port is an IllegalArgumentException.
   */
  public static Result execute(
      String target, Chosen chosen, List<String> values, ClassLoader loader)
      throws InterruptedException {
    return execute(target, chosen.signature(), chosen.isTable(), values, loader);
  }

  /** Runs a signature known by its types (a table function's answer is rows). */
  public static Result execute(
      String target, UdfSignature signature, boolean table, List<String> values, ClassLoader loader)
      throws InterruptedException {
    byte[] payload = PayloadText.encode(signature, values, loader);
    ServerCall.Answer answer;
    try {
      answer = ServerCall.invoke(target, payload);
    } catch (CallFailedException e) {
      return Result.failed(e.getMessage());
    }
    if (answer.error() != null) {
      return Result.failed(answer.text());
    }
    DataType type = TypeConversions.fromLogicalToDataType(signature.returnType().getLogicalType());
    try {
      return new Result(PayloadText.decode(answer.payload(), type, table, loader), null);
    } catch (CodecException e) {
      return Result.failed(PayloadText.asText(answer.payload()).orElse(e.getMessage()));
    }
  }

  /** Asks an extraction server for the UDF's signatures. */
  public static Result extract(String target, String className) throws InterruptedException {
    ServerCall.Answer answer;
    try {
      answer =
          ServerCall.invoke(
              target, ExtractionRequest.newBuilder().setClassName(className).build().toByteArray());
    } catch (CallFailedException e) {
      return Result.failed(e.getMessage());
    }
    if (answer.error() != null) {
      return Result.failed(answer.text());
    }
    try {
      return describe(className, ExtractionResponse.parseFrom(answer.payload()));
    } catch (InvalidProtocolBufferException e) {
      return Result.failed(answer.text());
    }
  }

  /** An extraction answer as people read it; an error answer as the error. */
  public static Result describe(String className, ExtractionResponse response) {
    if (response.hasError()) {
      return new Result(
          List.of(),
          "error ("
              + response.getError().getCode()
              + "): "
              + response.getError().getErrorMessage());
    }
    List<String> lines = new ArrayList<>();
    lines.add(
        className
            + ": "
            + response.getFunctionKind()
            + (response.getIsDeterministic() ? ", deterministic" : ", not deterministic"));
    for (int i = 0; i < response.getSignaturesCount(); i++) {
      lines.add("  [" + i + "] " + render(response.getSignatures(i)));
    }
    return new Result(lines, null);
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
