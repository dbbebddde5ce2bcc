package dev.udfshim.runtime.cli;

import com.google.protobuf.ByteString;
import com.google.protobuf.InvalidProtocolBufferException;
import dev.udfshim.protocol.codec.CodecException;
import dev.udfshim.protocol.transport.Trailer;
import io.confluent.flink.udf.extractor.v1.ExtractionRequest;
import io.confluent.flink.udf.extractor.v1.ExtractionResponse;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.utils.TypeConversions;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;
import secure.compute.function.runtime.v2.FunctionRuntimeGrpc;
import secure.compute.function.runtime.v2.InvokeRequest;

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
public final class InvokeCommand implements Callable<Integer> {
  /** Longer than a server's default wait for a free UDF instance (1 min), so that answer shows. */
  static final int CALL_DEADLINE_SECONDS = 120;

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
    PrintWriter out = spec.commandLine().getOut();
    PrintWriter err = spec.commandLine().getErr();
    if (extract) {
      return withChannel(target, err, channel -> extract(channel, out, err));
    }
    List<String> arguments = args != null ? ArgsSplitter.split(args) : values;
    ClassLoader loader = udfClassPath.loader();
    SignatureChoice.Chosen chosen =
        choice.choose(function, loader, s -> s.argumentTypes().size() == arguments.size());
    return invoke(target, chosen, arguments, loader, out, err);
  }

  /**
   * Runs a signature already chosen on the target and prints the decoded answer; for tools that
   * extracted the UDF themselves. Returns the exit code.
   */
  public static int invoke(
      String target,
      SignatureChoice.Chosen chosen,
      List<String> arguments,
      ClassLoader loader,
      PrintWriter out,
      PrintWriter err)
      throws InterruptedException {
    return withChannel(
        target, err, channel -> execute(channel, chosen, arguments, loader, out, err));
  }

  private static int withChannel(
      String target, PrintWriter err, java.util.function.ToIntFunction<ManagedChannel> call)
      throws InterruptedException {
    HostPort address = HostPort.parse(target);
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(address.host(), address.port()).usePlaintext().build();
    try {
      return call.applyAsInt(channel);
    } catch (StatusRuntimeException e) {
      if (e.getStatus().getCode() == io.grpc.Status.Code.DEADLINE_EXCEEDED) {
        err.println(
            "error: "
                + target
                + " did not answer within "
                + CALL_DEADLINE_SECONDS
                + " s; the UDF may hang in eval.");
        return 1;
      }
      err.println(
          "error: the call to "
              + target
              + " failed ("
              + e.getStatus().getCode()
              + (e.getStatus().getDescription() != null
                  ? ": " + e.getStatus().getDescription()
                  : "")
              + "); is a shim server running there?");
      return 1;
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  private int extract(ManagedChannel channel, PrintWriter out, PrintWriter err) {
    Answer answer =
        call(channel, ExtractionRequest.newBuilder().setClassName(function).build().toByteString());
    if (answer.error() != null) {
      err.println("error: " + answer.text());
      return 1;
    }
    ExtractionResponse response;
    try {
      response = ExtractionResponse.parseFrom(answer.payload());
    } catch (InvalidProtocolBufferException e) {
      err.println("error: " + answer.text());
      return 1;
    }
    return ExtractCommand.print(function, response, out, err);
  }

  private static int execute(
      ManagedChannel channel,
      SignatureChoice.Chosen chosen,
      List<String> arguments,
      ClassLoader loader,
      PrintWriter out,
      PrintWriter err) {
    byte[] payload = EncodeArgsCommand.encode(chosen.signature(), arguments, loader);
    Answer answer = call(channel, ByteString.copyFrom(payload));
    if (answer.error() != null) {
      err.println("error: " + answer.text());
      return 1;
    }
    DataType type =
        TypeConversions.fromLogicalToDataType(chosen.signature().returnType().getLogicalType());
    try {
      for (String line :
          DecodeResultCommand.decode(answer.payload(), type, chosen.isTable(), loader)) {
        out.println(line);
      }
      return 0;
    } catch (CodecException e) {
      err.println("error: " + DecodeResultCommand.asText(answer.payload()).orElse(e.getMessage()));
      return 1;
    }
  }

  private record Answer(byte[] payload, String error) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  private static Answer call(ManagedChannel channel, ByteString payload) {
    AtomicReference<Metadata> trailers = new AtomicReference<>();
    byte[] response =
        FunctionRuntimeGrpc.newBlockingStub(channel)
            .withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS)
            .withInterceptors(
                MetadataUtils.newCaptureMetadataInterceptor(new AtomicReference<>(), trailers))
            .invoke(InvokeRequest.newBuilder().setPayload(payload).build())
            .getPayload()
            .toByteArray();
    Metadata received = trailers.get();
    String error = received == null ? null : received.get(Trailer.ERROR);
    return new Answer(response, error);
  }

  /** host:port, with a clear sentence for anything else. */
  record HostPort(String host, int port) {
    static HostPort parse(String text) {
      int colon = text.lastIndexOf(':');
      try {
        if (colon > 0) {
          int port = Integer.parseInt(text.substring(colon + 1));
          if (port > 0 && port < 65536) {
            return new HostPort(text.substring(0, colon), port);
          }
        }
      } catch (NumberFormatException e) {
        // reported below
      }
      throw new IllegalArgumentException(
          "--target '" + text + "' is not host:port, e.g. localhost:50051.");
    }
  }
}
