package dev.udfshim.bench.server;

import io.grpc.CallOptions;
import io.grpc.ClientCall;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Server;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCalls;
import io.grpc.stub.StreamObserver;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.SynchronousQueue;
import java.util.concurrent.TimeUnit;
import secure.compute.function.runtime.v2.FunctionRuntimeGrpc;
import secure.compute.function.runtime.v2.InvokeRequest;
import secure.compute.function.runtime.v2.InvokeResponse;

/**
 * What one row per call costs in gRPC unary calls against one long-lived bidirectional stream, the
 * question of SYNC's per-row cost: one client thread, one call (or message) at a time, answered by
 * an echo server with the platform's unary {@code Invoke} and, beside it, a streaming echo the
 * platform's contract does not have. A B A B: each round times both for the same seconds.
 *
 * <pre>UnaryVsStream [--seconds 5] [--rounds 3] [--payload-bytes 18]</pre>
 */
public final class UnaryVsStream {
  private static final MethodDescriptor.Marshaller<byte[]> BYTES =
      new MethodDescriptor.Marshaller<>() {
        @Override
        public InputStream stream(byte[] value) {
          return new ByteArrayInputStream(value);
        }

        @Override
        public byte[] parse(InputStream stream) {
          try {
            return stream.readAllBytes();
          } catch (IOException e) {
            throw new UncheckedIOException(e);
          }
        }
      };

  private static final MethodDescriptor<byte[], byte[]> STREAM =
      MethodDescriptor.<byte[], byte[]>newBuilder()
          .setType(MethodDescriptor.MethodType.BIDI_STREAMING)
          .setFullMethodName("bench.Echo/Stream")
          .setRequestMarshaller(BYTES)
          .setResponseMarshaller(BYTES)
          .build();

  private UnaryVsStream() {}

  public static void main(String[] args) throws Exception {
    int seconds = 5;
    int rounds = 3;
    int payloadBytes = 18; // AddOne's one-row request: two BIGINT arguments
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--seconds" -> seconds = Integer.parseInt(args[i + 1]);
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        case "--payload-bytes" -> payloadBytes = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Server server = echoServer();
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", server.getPort())
            .usePlaintext()
            .directExecutor()
            .build();
    byte[] payload = new byte[payloadBytes];
    try {
      FunctionRuntimeGrpc.FunctionRuntimeBlockingStub unary =
          FunctionRuntimeGrpc.newBlockingStub(channel);
      InvokeRequest request =
          InvokeRequest.newBuilder()
              .setPayload(com.google.protobuf.ByteString.copyFrom(payload))
              .build();
      Pinger stream = new Pinger(channel);
      // Warm-up: JIT and the connection, not measured.
      rate(() -> unary.invoke(request), 2);
      rate(() -> stream.ping(payload), 2);
      List<Double> ratios = new ArrayList<>();
      for (int round = 1; round <= rounds; round++) {
        double a = rate(() -> unary.invoke(request), seconds);
        double b = rate(() -> stream.ping(payload), seconds);
        ratios.add(b / a);
        System.out.printf(
            "round %d  unary %,.0f calls/s (%.1f µs each)  stream %,.0f messages/s (%.1f µs each)"
                + "  stream/unary %.2f%n",
            round, a, 1e6 / a, b, 1e6 / b, b / a);
      }
      System.out.printf("stream/unary per round %s%n", ratios);
      stream.close();
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
  }

  /** Calls per second of one thread running the call in a loop for the seconds. */
  private static double rate(Runnable call, int seconds) {
    long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
    long start = System.nanoTime();
    long calls = 0;
    while (System.nanoTime() < end) {
      call.run();
      calls++;
    }
    return calls / ((System.nanoTime() - start) / 1e9);
  }

  private static Server echoServer() throws IOException {
    ServerServiceDefinition streaming =
        ServerServiceDefinition.builder("bench.Echo")
            .addMethod(
                STREAM,
                ServerCalls.asyncBidiStreamingCall(
                    answers ->
                        new StreamObserver<byte[]>() {
                          @Override
                          public void onNext(byte[] value) {
                            answers.onNext(value);
                          }

                          @Override
                          public void onError(Throwable t) {}

                          @Override
                          public void onCompleted() {
                            answers.onCompleted();
                          }
                        }))
            .build();
    return NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addService(
            new FunctionRuntimeGrpc.FunctionRuntimeImplBase() {
              @Override
              public void invoke(InvokeRequest request, StreamObserver<InvokeResponse> response) {
                response.onNext(
                    InvokeResponse.newBuilder().setPayload(request.getPayload()).build());
                response.onCompleted();
              }
            })
        .addService(streaming)
        .build()
        .start();
  }

  /** One long-lived stream: a message out, then wait for its echo. */
  private static final class Pinger {
    private final ClientCall<byte[], byte[]> call;
    private final SynchronousQueue<byte[]> answers = new SynchronousQueue<>();

    Pinger(ManagedChannel channel) {
      call = channel.newCall(STREAM, CallOptions.DEFAULT);
      call.start(
          new ClientCall.Listener<>() {
            @Override
            public void onMessage(byte[] message) {
              try {
                answers.put(message);
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              call.request(1);
            }

            @Override
            public void onClose(Status status, Metadata trailers) {}
          },
          new Metadata());
      call.request(1);
    }

    void ping(byte[] payload) {
      call.sendMessage(payload);
      try {
        answers.take();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException(e);
      }
    }

    void close() {
      call.halfClose();
    }
  }
}
