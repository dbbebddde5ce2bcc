package dev.udfshim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.udfshim.runtime.handler.ConfigDirContext;
import dev.udfshim.runtime.server.ErrorTrailer;
import dev.udfshim.runtime.server.HandlerHost;
import dev.udfshim.runtime.server.ShimServer;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import secure.compute.function.runtime.v2.FunctionRuntimeGrpc;
import secure.compute.function.runtime.v2.InvokeRequest;

/** A failing handler completes the call with the error as UTF-8 text and keeps serving. */
class HandlerFailureIT {
  @TempDir Path configDir;

  private record Answer(String payload, String trailer) {}

  private static Answer call(ManagedChannel channel, String payload) {
    AtomicReference<Metadata> trailers = new AtomicReference<>();
    String response =
        FunctionRuntimeGrpc.newBlockingStub(channel)
            .withDeadlineAfter(10, TimeUnit.SECONDS)
            .withInterceptors(
                MetadataUtils.newCaptureMetadataInterceptor(new AtomicReference<>(), trailers))
            .invoke(InvokeRequest.newBuilder().setPayload(ByteString.copyFromUtf8(payload)).build())
            .getPayload()
            .toString(StandardCharsets.UTF_8);
    return new Answer(response, trailers.get().get(ErrorTrailer.KEY));
  }

  @Test
  void handlerExceptionIsAnsweredAsTextWithItsCauseAndTheServerGoesOn() throws Exception {
    try (ShimServer server =
        ShimServer.start(
            "127.0.0.1",
            0,
            new HandlerHost(new TestHandlers.ThrowOnFail(), new ConfigDirContext(configDir)))) {
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
      try {
        Answer failed = call(channel, "fail");
        assertThat(failed.payload())
            .isEqualTo(
                "java.lang.IllegalStateException: the UDF gave up (größe) Caused by:"
                    + " java.lang.ArithmeticException: / by zero");
        assertThat(failed.trailer())
            .isEqualTo(
                "java.lang.IllegalStateException: the UDF gave up (gr??e) Caused by:"
                    + " java.lang.ArithmeticException: / by zero");

        Answer echoed = call(channel, "still here");
        assertThat(echoed).isEqualTo(new Answer("still here", null));
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void handlerThatCannotOpenAnswersWhyToEveryRequest() throws Exception {
    try (ShimServer server =
        ShimServer.start(
            "127.0.0.1",
            0,
            new HandlerHost(new TestHandlers.CannotOpen(), new ConfigDirContext(configDir)))) {
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
      try {
        String expected =
            "The handler could not start: Config var spec_base64 is not set; write the spec into"
                + " the config override dir.";
        assertThat(call(channel, "a")).isEqualTo(new Answer(expected, expected));
        assertThat(call(channel, "b")).isEqualTo(new Answer(expected, expected));
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }
}
