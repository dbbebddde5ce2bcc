package dev.udfshim.it;

import com.google.protobuf.ByteString;
import dev.udfshim.protocol.transport.Trailer;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import secure.compute.function.runtime.v2.FunctionRuntimeGrpc;
import secure.compute.function.runtime.v2.InvokeRequest;

/** Invoke calls over real gRPC, as the platform makes them. */
public final class Calls {
  private Calls() {}

  /** A response payload and the error trailer, if the handler failed. */
  public record Answer(byte[] payload, String error) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  public static Answer call(ManagedChannel channel, byte[] payload) {
    return call(channel, payload, 30_000);
  }

  /** One call under a deadline; a status other than OK is thrown. */
  public static Answer call(ManagedChannel channel, byte[] payload, long deadlineMillis) {
    AtomicReference<Metadata> trailers = new AtomicReference<>();
    byte[] response =
        FunctionRuntimeGrpc.newBlockingStub(channel)
            .withDeadlineAfter(deadlineMillis, TimeUnit.MILLISECONDS)
            .withInterceptors(
                MetadataUtils.newCaptureMetadataInterceptor(new AtomicReference<>(), trailers))
            .invoke(InvokeRequest.newBuilder().setPayload(ByteString.copyFrom(payload)).build())
            .getPayload()
            .toByteArray();
    return new Answer(response, trailers.get().get(Trailer.ERROR));
  }

  /**
   * The call (or the future it returned) fails with this status, and the description contains the
   * text (null: any description).
   */
  static void assertStatus(
      org.assertj.core.api.ThrowableAssert.ThrowingCallable call,
      io.grpc.Status.Code code,
      String description) {
    Throwable thrown = org.assertj.core.api.Assertions.catchThrowable(call);
    if (thrown instanceof java.util.concurrent.ExecutionException) {
      thrown = thrown.getCause();
    }
    org.assertj.core.api.Assertions.assertThat(thrown)
        .isInstanceOf(io.grpc.StatusRuntimeException.class);
    io.grpc.Status status = ((io.grpc.StatusRuntimeException) thrown).getStatus();
    org.assertj.core.api.Assertions.assertThat(status.getCode()).isEqualTo(code);
    if (description != null) {
      org.assertj.core.api.Assertions.assertThat(status.getDescription()).contains(description);
    }
  }

  /** What the health service answers for the whole server. */
  public static HealthCheckResponse.ServingStatus health(ManagedChannel channel) {
    return HealthGrpc.newBlockingStub(channel)
        .withDeadlineAfter(5, TimeUnit.SECONDS)
        .check(HealthCheckRequest.getDefaultInstance())
        .getStatus();
  }

  /** The encoding of a BIGINT argument or result: the null flag, then 8 bytes. */
  public static byte[] bigint(long value) {
    return java.nio.ByteBuffer.allocate(9).put((byte) 0).putLong(value).array();
  }

  /** The encoding of an INT argument or result. */
  public static byte[] integer(int value) {
    return java.nio.ByteBuffer.allocate(5).put((byte) 0).putInt(value).array();
  }

  /** The encoding of a STRING argument or result. */
  public static byte[] string(String value) {
    byte[] utf8 = value.getBytes(StandardCharsets.UTF_8);
    return java.nio.ByteBuffer.allocate(5 + utf8.length)
        .put((byte) 0)
        .putInt(utf8.length)
        .put(utf8)
        .array();
  }

  public static ManagedChannel channel(int port) {
    return NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
  }

  /** One call on a channel of its own to 127.0.0.1:port; the response payload. */
  static byte[] invoke(int port, byte[] payload) throws InterruptedException {
    ManagedChannel channel = channel(port);
    try {
      return call(channel, payload).payload();
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }
}
