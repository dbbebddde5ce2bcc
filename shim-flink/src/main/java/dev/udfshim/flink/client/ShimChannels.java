package dev.udfshim.flink.client;

import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import secure.compute.function.runtime.v2.FunctionRuntimeGrpc;

/**
 * One gRPC channel per signature's servers (and call and security settings) for the whole JVM,
 * shared by every function instance of every task slot that calls them; counted, and shut down when
 * its last user closes.
 *
 * <p>A channel spreads calls over every ready server of its endpoints ({@code round_robin}), skips
 * servers whose health service says NOT_SERVING (client-side health checking of grpc-services:
 * draining, still opening, or no instance left; with several servers only), and sends a call that
 * failed UNAVAILABLE (the server died, drains or was not reached) again through the balancer, so to
 * another server, with backoff, within the call's deadline.
 */
public final class ShimChannels {
  /** Above the 4 MiB message limit, so a batch of that size can still be retried. */
  private static final long RETRY_BUFFER_PER_CALL = 5L << 20;

  private static final long RETRY_BUFFER_PER_CHANNEL = 64L << 20;

  private record Key(
      Endpoints endpoints,
      int maxAttempts,
      long initialMillis,
      long maxMillis,
      Security security) {}

  private static final class Entry {
    final ManagedChannel channel;
    int users;

    Entry(ManagedChannel channel) {
      this.channel = channel;
    }
  }

  private static final Map<Key, Entry> CHANNELS = new HashMap<>();

  private ShimChannels() {}

  /** A lease on the shared channel to a signature's servers; close it when done. */
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

  /** A lease on the channel to one plaintext server. */
  public static Lease acquire(Endpoint endpoint, CallSettings settings) {
    return acquire(Endpoints.of(endpoint), settings, Security.NONE);
  }

  /**
   * A lease on the channel to the servers.
   *
   * @throws RemoteUdfException with a sentence when a TLS or token file cannot be read
   */
  public static Lease acquire(Endpoints endpoints, CallSettings settings, Security security) {
    Key key =
        new Key(
            endpoints,
            settings.maxAttempts(),
            settings.initialBackoff().toMillis(),
            settings.maxBackoff().toMillis(),
            security);
    synchronized (CHANNELS) {
      Entry entry = CHANNELS.get(key);
      if (entry == null) {
        entry = new Entry(open(key));
        CHANNELS.put(key, entry);
      }
      entry.users++;
      return new Lease(key, entry.channel);
    }
  }

  private static ManagedChannel open(Key key) {
    Security security = key.security();
    String token = security.bearerToken();
    NettyChannelBuilder builder =
        NettyChannelBuilder.forTarget(
                key.endpoints().target(security.authority() != null), security.credentials())
            // Answers are decoded and handed to Flink's queue: short, never blocking.
            .directExecutor();
    if (security.authority() != null) {
      builder.overrideAuthority(security.authority());
    }
    if (token != null) {
      builder.intercept(new BearerTokenInterceptor(token));
    }
    if (key.maxAttempts() > 1) {
      builder
          .enableRetry()
          .maxRetryAttempts(key.maxAttempts())
          .perRpcBufferLimit(RETRY_BUFFER_PER_CALL)
          .retryBufferSize(RETRY_BUFFER_PER_CHANNEL);
    } else {
      builder.disableRetry();
    }
    return builder.defaultServiceConfig(serviceConfig(key)).build();
  }

  /**
   * The channel's service config: round robin with health checking of the FunctionRuntime service,
   * and gRPC's retry policy (numbers are doubles, durations "1.5s").
   */
  private static Map<String, Object> serviceConfig(Key key) {
    Map<String, Object> config = new HashMap<>();
    config.put("loadBalancingConfig", List.of(Map.of("round_robin", Map.of())));
    if (key.endpoints().several()) {
      // With one server there is nothing to skip to: its calls go to it, which holds them while
      // its UDF opens and refuses them UNAVAILABLE (retried) while it drains.
      config.put("healthCheckConfig", Map.of("serviceName", FunctionRuntimeGrpc.SERVICE_NAME));
    }
    if (key.maxAttempts() > 1) {
      Map<String, Object> retry = new HashMap<>();
      retry.put("maxAttempts", (double) key.maxAttempts());
      retry.put("initialBackoff", seconds(key.initialMillis()));
      retry.put("maxBackoff", seconds(key.maxMillis()));
      retry.put("backoffMultiplier", 2.0);
      retry.put("retryableStatusCodes", List.of("UNAVAILABLE"));
      Map<String, Object> method = new HashMap<>();
      method.put("name", List.of(Map.of("service", FunctionRuntimeGrpc.SERVICE_NAME)));
      method.put("retryPolicy", retry);
      config.put("methodConfig", List.of(method));
    }
    return config;
  }

  private static String seconds(long millis) {
    return (millis / 1000) + "." + String.format("%03d", millis % 1000) + "s";
  }
}
