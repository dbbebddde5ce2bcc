package dev.udfshim.flink.client;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import secure.compute.function.runtime.v2.FunctionRuntimeGrpc;

/**
 * One gRPC channel per endpoint (and retry settings) for the whole JVM, shared by every function
 * instance of every task slot that calls it; counted, and shut down when its last user closes.
 */
public final class ShimChannels {
  /** Above the 4 MiB message limit, so a batch of that size can still be retried. */
  private static final long RETRY_BUFFER_PER_CALL = 5L << 20;

  private static final long RETRY_BUFFER_PER_CHANNEL = 64L << 20;

  private record Key(Endpoint endpoint, int maxAttempts, long initialMillis, long maxMillis) {}

  private static final class Entry {
    final ManagedChannel channel;
    int users;

    Entry(ManagedChannel channel) {
      this.channel = channel;
    }
  }

  private static final Map<Key, Entry> CHANNELS = new HashMap<>();

  private ShimChannels() {}

  /** A lease on the shared channel to an endpoint; close it when done. */
  public static final class Lease implements AutoCloseable {
    private final Key key;
    private final ManagedChannel channel;
    private boolean closed;

    private Lease(Key key, ManagedChannel channel) {
      this.key = key;
      this.channel = channel;
    }

    public ManagedChannel channel() {
      return channel;
    }

    @Override
    public void close() {
      synchronized (CHANNELS) {
        if (closed) {
          return;
        }
        closed = true;
        Entry entry = CHANNELS.get(key);
        if (entry != null && --entry.users == 0) {
          CHANNELS.remove(key);
          entry.channel.shutdown();
        }
      }
    }
  }

  public static Lease acquire(Endpoint endpoint, CallSettings settings) {
    Key key =
        new Key(
            endpoint,
            settings.maxAttempts(),
            settings.initialBackoff().toMillis(),
            settings.maxBackoff().toMillis());
    synchronized (CHANNELS) {
      Entry entry = CHANNELS.computeIfAbsent(key, k -> new Entry(open(k)));
      entry.users++;
      return new Lease(key, entry.channel);
    }
  }

  private static ManagedChannel open(Key key) {
    NettyChannelBuilder builder =
        NettyChannelBuilder.forAddress(key.endpoint().host(), key.endpoint().port())
            .usePlaintext()
            // Answers are decoded and handed to Flink's queue: short, never blocking.
            .directExecutor();
    if (key.maxAttempts() > 1) {
      builder
          .enableRetry()
          .maxRetryAttempts(key.maxAttempts())
          .perRpcBufferLimit(RETRY_BUFFER_PER_CALL)
          .retryBufferSize(RETRY_BUFFER_PER_CHANNEL)
          .defaultServiceConfig(serviceConfig(key));
    } else {
      builder.disableRetry();
    }
    return builder.build();
  }

  /** gRPC's retry policy, in its service-config form (numbers are doubles, durations "1.5s"). */
  private static Map<String, Object> serviceConfig(Key key) {
    Map<String, Object> retry = new HashMap<>();
    retry.put("maxAttempts", (double) key.maxAttempts());
    retry.put("initialBackoff", seconds(key.initialMillis()));
    retry.put("maxBackoff", seconds(key.maxMillis()));
    retry.put("backoffMultiplier", 2.0);
    retry.put("retryableStatusCodes", List.of("UNAVAILABLE"));
    Map<String, Object> method = new HashMap<>();
    method.put("name", List.of(Map.of("service", FunctionRuntimeGrpc.SERVICE_NAME)));
    method.put("retryPolicy", retry);
    return Map.of("methodConfig", List.of(method));
  }

  private static String seconds(long millis) {
    return (millis / 1000) + "." + String.format("%03d", millis % 1000) + "s";
  }
}
