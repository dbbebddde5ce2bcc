package dev.udfshim.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.udfshim.runtime.handler.ConfigDirContext;
import dev.udfshim.runtime.server.HandlerHost;
import dev.udfshim.runtime.server.ShimServer;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A failing handler completes the call with the error as UTF-8 text and keeps serving. */
class HandlerFailureIT {
  @TempDir Path configDir;

  private static Calls.Answer call(ManagedChannel channel, String payload) {
    return Calls.call(channel, payload.getBytes(StandardCharsets.UTF_8));
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
        Calls.Answer failed = call(channel, "fail");
        assertThat(failed.text())
            .isEqualTo(
                "java.lang.IllegalStateException: the UDF gave up (größe) Caused by:"
                    + " java.lang.ArithmeticException: / by zero");
        assertThat(failed.error())
            .isEqualTo(
                "java.lang.IllegalStateException: the UDF gave up (gr??e) Caused by:"
                    + " java.lang.ArithmeticException: / by zero");

        Calls.Answer echoed = call(channel, "still here");
        assertThat(echoed.text()).isEqualTo("still here");
        assertThat(echoed.error()).isNull();
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
        for (String payload : new String[] {"a", "b"}) {
          Calls.Answer answer = call(channel, payload);
          assertThat(answer.text()).isEqualTo(expected);
          assertThat(answer.error()).isEqualTo(expected);
        }
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void errorThrownByOpenIsAnsweredAndDoesNotStopTheServer() throws Exception {
    try (ShimServer server =
        ShimServer.start(
            "127.0.0.1",
            0,
            new HandlerHost(new TestHandlers.ErrorOnOpen(), new ConfigDirContext(configDir)))) {
      ManagedChannel channel = Calls.channel(server.port());
      try {
        assertThat(call(channel, "x").text())
            .isEqualTo(
                "The handler could not start: java.lang.AssertionError: invariant broken in open");
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }
}
