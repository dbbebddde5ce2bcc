package dev.udfshim.it;

import com.google.protobuf.ByteString;
import dev.udfshim.runtime.server.ErrorTrailer;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import secure.compute.function.runtime.v2.FunctionRuntimeGrpc;
import secure.compute.function.runtime.v2.InvokeRequest;

/** Invoke calls over real gRPC, as the platform makes them. */
final class Calls {
  private Calls() {}

  /** A response payload and the error trailer, if the handler failed. */
  record Answer(byte[] payload, String error) {
    String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  static Answer call(ManagedChannel channel, byte[] payload) {
    AtomicReference<Metadata> trailers = new AtomicReference<>();
    byte[] response =
        FunctionRuntimeGrpc.newBlockingStub(channel)
            .withDeadlineAfter(30, TimeUnit.SECONDS)
            .withInterceptors(
                MetadataUtils.newCaptureMetadataInterceptor(new AtomicReference<>(), trailers))
            .invoke(InvokeRequest.newBuilder().setPayload(ByteString.copyFrom(payload)).build())
            .getPayload()
            .toByteArray();
    return new Answer(response, trailers.get().get(ErrorTrailer.KEY));
  }

  static ManagedChannel channel(int port) {
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
