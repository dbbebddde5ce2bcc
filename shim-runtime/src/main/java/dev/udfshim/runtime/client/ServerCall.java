package dev.udfshim.runtime.client;

import com.google.protobuf.ByteString;
import dev.udfshim.protocol.transport.Trailer;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.netty.channel.EventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.MultiThreadIoEventLoopGroup;
import io.grpc.netty.shaded.io.netty.channel.nio.NioIoHandler;
import io.grpc.netty.shaded.io.netty.channel.socket.nio.NioSocketChannel;
import io.grpc.stub.MetadataUtils;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import secure.compute.function.runtime.v2.FunctionRuntimeGrpc;
import secure.compute.function.runtime.v2.InvokeRequest;

/**
 * One {@code FunctionRuntime/Invoke} to a server, plaintext, with a deadline: the payload, and the
 * error the server put in its trailer. The channel has threads of its own, stopped before the call
 * returns, so nothing of it outlives the call (the build tools call from inside Maven).
 */
public final class ServerCall {
  /** Longer than a server's default wait for a free UDF instance (1 min), so that answer shows. */
  public static final int CALL_DEADLINE_SECONDS = 120;

  private ServerCall() {}

  /** What the server answered: its payload, and its error trailer or null. */
  @SuppressWarnings("ArrayRecordComponent") // a carrier, never compared: the payload as answered
  public record Answer(byte[] payload, String error) {
    /** The payload as text: an error answer's payload is its message. */
    public String text() {
      return new String(payload, StandardCharsets.UTF_8);
    }
  }

  /** The call did not complete; the message says why, for the user. */
  public static final class CallFailedException extends Exception {
    private static final long serialVersionUID = 1L;

    CallFailedException(String message, Throwable cause) {
      super(message, cause);
    }
  }

  /** One call; a target that is not host:port is an IllegalArgumentException. */
  public static Answer invoke(String target, byte[] payload)
      throws CallFailedException, InterruptedException {
    HostPort address = HostPort.parse(target);
    EventLoopGroup group = new MultiThreadIoEventLoopGroup(1, NioIoHandler.newFactory());
    ExecutorService executor = Executors.newSingleThreadExecutor();
    ManagedChannel channel =
        NettyChannelBuilder.forAddress(address.host(), address.port())
            .eventLoopGroup(group)
            .channelType(NioSocketChannel.class)
            .executor(executor)
            .usePlaintext()
            .build();
    try {
      AtomicReference<Metadata> trailers = new AtomicReference<>();
      byte[] response =
          FunctionRuntimeGrpc.newBlockingStub(channel)
              .withDeadlineAfter(CALL_DEADLINE_SECONDS, TimeUnit.SECONDS)
              .withInterceptors(
                  MetadataUtils.newCaptureMetadataInterceptor(new AtomicReference<>(), trailers))
              .invoke(InvokeRequest.newBuilder().setPayload(ByteString.copyFrom(payload)).build())
              .getPayload()
              .toByteArray();
      Metadata received = trailers.get();
      return new Answer(response, received == null ? null : received.get(Trailer.ERROR));
    } catch (StatusRuntimeException e) {
      throw new CallFailedException(failure(target, e.getStatus()), e);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      executor.shutdownNow();
      group.shutdownGracefully(0, 0, TimeUnit.SECONDS).await(5, TimeUnit.SECONDS);
    }
  }

  private static String failure(String target, Status status) {
    if (status.getCode() == Status.Code.DEADLINE_EXCEEDED) {
      return target
          + " did not answer within "
          + CALL_DEADLINE_SECONDS
          + " s; the UDF may hang in eval.";
    }
    return "the call to "
        + target
        + " failed ("
        + status.getCode()
        + (status.getDescription() != null ? ": " + status.getDescription() : "")
        + "); is a shim server running there?";
  }

  /** host:port, with a clear sentence for anything else. */
  public record HostPort(String host, int port) {
    public static HostPort parse(String text) {
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
