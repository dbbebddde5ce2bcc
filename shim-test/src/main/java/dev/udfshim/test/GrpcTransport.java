package dev.udfshim.test;

import com.google.protobuf.ByteString;
import dev.udfshim.protocol.transport.Trailer;
import dev.udfshim.runtime.execution.ExecutionHandler;
import dev.udfshim.runtime.server.HandlerHost;
import dev.udfshim.runtime.server.ShimServer;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import secure.compute.function.runtime.v2.FunctionRuntimeGrpc;
import secure.compute.function.runtime.v2.InvokeRequest;

/** A shim server on a free port of 127.0.0.1, called over real gRPC. */
final class GrpcTransport implements Transport {
  /** Longer than the handler's default wait for a free instance, so that answer shows. */
  private static final long DEADLINE_SECONDS = 120;

  private final ShimServer server;
  private final ManagedChannel channel;

  private GrpcTransport(ShimServer server, ManagedChannel channel) {
    this.server = server;
    this.channel = channel;
  }

  static GrpcTransport start(Map<String, String> configVars) {
    ShimServer server;
    try {
      server =
          ShimServer.start(
              "127.0.0.1", 0, new HandlerHost(new ExecutionHandler(), new ConfigVars(configVars)));
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot start a shim server on 127.0.0.1", e);
    }
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
    return new GrpcTransport(server, channel);
  }

  int port() {
    return server.port();
  }

  @Override
  public byte[] invoke(byte[] payload) {
    AtomicReference<Metadata> trailers = new AtomicReference<>();
    byte[] response;
    try {
      response =
          FunctionRuntimeGrpc.newBlockingStub(channel)
              .withDeadlineAfter(DEADLINE_SECONDS, TimeUnit.SECONDS)
              .withInterceptors(
                  MetadataUtils.newCaptureMetadataInterceptor(new AtomicReference<>(), trailers))
              .invoke(InvokeRequest.newBuilder().setPayload(ByteString.copyFrom(payload)).build())
              .getPayload()
              .toByteArray();
    } catch (StatusRuntimeException e) {
      throw new IllegalStateException(
          "The call to the shim server on 127.0.0.1:" + server.port() + " failed: " + e, e);
    }
    // An error answer completes with status OK; the trailer marks it, the payload is its text.
    Metadata received = trailers.get();
    if (received != null && received.get(Trailer.ERROR) != null) {
      throw new UdfCallException(new String(response, StandardCharsets.UTF_8));
    }
    return response;
  }

  @Override
  public void close() {
    channel.shutdownNow();
    try {
      channel.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    server.close();
  }
}
