package dev.udfshim.runtime.server;

import dev.udfshim.runtime.config.ServerOptions;
import dev.udfshim.runtime.handler.HandlerException;
import io.grpc.BindableService;
import io.grpc.InsecureServerCredentials;
import io.grpc.Server;
import io.grpc.ServerCredentials;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import io.grpc.TlsServerCredentials;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import secure.compute.function.runtime.v2.FunctionRuntimeGrpc;

/**
 * The function runtime gRPC server: {@code FunctionRuntime/Invoke} in front of one handler, plus
 * server reflection and the standard health service, so generic clients work without .proto files.
 * The transport threads only hand calls over ({@link HandlerHost}); user code never runs on them,
 * so a hung UDF cannot stall a connection.
 */
public final class ShimServer implements Served {
  private static final Logger LOG = LoggerFactory.getLogger(ShimServer.class);

  /**
   * Where and how to listen.
   *
   * @param tls server certificate and key, optionally a client CA (then clients must present a
   *     certificate it signed); null for plaintext
   * @param reflection whether the reflection services are on
   */
  public record Options(String host, int port, Tls tls, boolean reflection) {
    public static Options plaintext(String host, int port) {
      return new Options(host, port, null, true);
    }
  }

  /** PEM files: the certificate chain, its PKCS#8 private key, and optionally a client CA. */
  public record Tls(Path certificateChain, Path privateKey, Path clientCa) {}

  private final Server server;
  private final HandlerHost host;
  private final HealthStatusManager health;
  private final ServerSettings settings;

  private ShimServer(
      Server server, HandlerHost host, HealthStatusManager health, ServerSettings settings) {
    this.server = server;
    this.host = host;
    this.health = health;
    this.settings = settings;
  }

  /** Plaintext with reflection on: {@link #start(Options, HandlerHost)}. */
  public static ShimServer start(String bindHost, int port, HandlerHost handlerHost)
      throws IOException {
    return start(Options.plaintext(bindHost, port), handlerHost);
  }

  /**
   * Opens the handler in the background, binds {@code host:port} (port 0 picks a free one) and
   * starts serving; calls that arrive before the handler is open wait for it. Health says
   * NOT_SERVING until the handler can take calls.
   */
  public static ShimServer start(Options options, HandlerHost handlerHost) throws IOException {
    ServerSettings settings;
    try {
      settings = handlerHost.settings();
    } catch (HandlerException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
    HealthStatusManager health = new HealthStatusManager();
    health.setStatus("", ServingStatus.NOT_SERVING);
    health.setStatus(FunctionRuntimeGrpc.SERVICE_NAME, ServingStatus.NOT_SERVING);
    handlerHost.onHealthChange(
        (serving, reason) -> {
          ServingStatus status = serving ? ServingStatus.SERVING : ServingStatus.NOT_SERVING;
          health.setStatus("", status);
          health.setStatus(FunctionRuntimeGrpc.SERVICE_NAME, status);
        });
    // Bad TLS files are refused before any user code runs.
    ServerCredentials credentials = credentials(options.tls());
    // Opening (the UDF's class, types and instance) and netty's start are both mostly class loading
    // and first runs: side by side they cost the first answer about the longer of the two.
    handlerHost.openInBackground();
    NettyServerBuilder builder =
        NettyServerBuilder.forAddress(
                new InetSocketAddress(options.host(), options.port()), credentials)
            // Transport threads only hand calls over; the handler runs them on bounded threads.
            .directExecutor()
            .maxConnectionIdle(settings.maxConnectionIdle().toMillis(), TimeUnit.MILLISECONDS)
            .keepAliveTime(settings.keepAliveTime().toMillis(), TimeUnit.MILLISECONDS)
            .keepAliveTimeout(settings.keepAliveTimeout().toMillis(), TimeUnit.MILLISECONDS)
            .permitKeepAliveTime(ServerOptions.PERMIT_KEEPALIVE.toMillis(), TimeUnit.MILLISECONDS)
            .addService(invokeService(handlerHost, settings))
            .addService(health.getHealthService());
    if (options.reflection()) {
      builder.addService(ProtoReflectionServiceV1.newInstance()).addService(legacyReflection());
    }
    Server server;
    try {
      server = builder.build().start();
    } catch (RuntimeException e) {
      handlerHost.closeWhenOpened();
      throw e;
    } catch (IOException e) {
      handlerHost.closeWhenOpened();
      throw new IOException(
          "Cannot listen on "
              + options.host()
              + ":"
              + options.port()
              + " ("
              + e.getMessage()
              + "); is another server on that port? Pick another with --port.",
          e);
    }
    ShimServer shim = new ShimServer(server, handlerHost, health, settings);
    LOG.info(
        "FunctionRuntime server listening on {}:{} with handler {} ({}{})",
        options.host(),
        shim.port(),
        handlerHost.handlerName(),
        options.tls() == null
            ? "plaintext"
            : options.tls().clientCa() == null ? "TLS" : "TLS, client certificates required",
        (settings.token() == null ? "" : ", bearer token required")
            + (options.reflection() ? "" : ", reflection off"));
    return shim;
  }

  /**
   * Invoke, with the error trailer and, when a token is set, the token check in front of it (the
   * last interceptor runs first): a call without the token never reaches the handler.
   */
  private static ServerServiceDefinition invokeService(
      HandlerHost handlerHost, ServerSettings settings) {
    FunctionRuntimeService service = new FunctionRuntimeService(handlerHost);
    if (settings.token() == null) {
      return ServerInterceptors.intercept(service, new ErrorTrailer());
    }
    return ServerInterceptors.intercept(
        service,
        new ErrorTrailer(),
        new BearerToken(settings.token(), () -> handlerHost.metrics().unauthenticated()));
  }

  /**
   * Where the bearer token calls must carry was read from, or null when there is none or it came
   * from the config var's own file.
   */
  public Path tokenFile() {
    return settings.tokenFile();
  }

  /** Whether calls must carry a bearer token. */
  public boolean requiresToken() {
    return settings.token() != null;
  }

  /** The Prometheus port the config vars ask for, 0 for none. */
  public int metricsPort() {
    return settings.metricsPort();
  }

  private static ServerCredentials credentials(Tls tls) throws IOException {
    if (tls == null) {
      return InsecureServerCredentials.create();
    }
    try {
      TlsServerCredentials.Builder credentials =
          TlsServerCredentials.newBuilder()
              .keyManager(tls.certificateChain().toFile(), tls.privateKey().toFile());
      if (tls.clientCa() != null) {
        credentials
            .trustManager(tls.clientCa().toFile())
            .clientAuth(TlsServerCredentials.ClientAuth.REQUIRE);
      }
      return credentials.build();
    } catch (IOException | IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "Cannot read the TLS certificate, key or client CA ("
              + e.getMessage()
              + "); pass PEM files: the certificate chain, its PKCS#8 private key, and the CA.",
          e);
    }
  }

  /** grpcurl and older tools still ask the v1alpha reflection service first. */
  @SuppressWarnings("deprecation")
  private static BindableService legacyReflection() {
    return io.grpc.protobuf.services.ProtoReflectionService.newInstance();
  }

  public int port() {
    return server.getPort();
  }

  public HandlerHost host() {
    return host;
  }

  @Override
  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /** What a shutdown did, for its summary line and the exit code. */
  public record Stopped(Drained drained, boolean closedInTime, long millis) {
    /** What stopping several servers side by side did, for one exit code. */
    public static Stopped all(java.util.List<Stopped> each) {
      int finished = 0;
      int cutOff = 0;
      long longest = 0;
      boolean closed = true;
      for (Stopped stopped : each) {
        finished += stopped.drained().finished();
        cutOff += stopped.drained().cutOff();
        longest = Math.max(longest, stopped.millis());
        closed &= stopped.closedInTime();
      }
      return new Stopped(new Drained(finished, cutOff, longest), closed, longest);
    }

    /** 0 when every call finished and close() returned in time, else 2. */
    public int exitCode() {
      return drained.cutOff() == 0 && closedInTime ? 0 : 2;
    }

    public String summary() {
      return "Shutdown complete in "
          + millis
          + " ms: "
          + drained.finished()
          + " call(s) in flight finished, "
          + drained.cutOff()
          + " cut off at the grace; close() "
          + (closedInTime ? "returned" : "did not return in time")
          + "; exit code "
          + exitCode();
    }
  }

  /**
   * The graceful stop: health NOT_SERVING and new calls refused with UNAVAILABLE, calls in flight
   * finish within the grace, the handler closes within its limit, then the server stops.
   */
  @Override
  public Stopped shutdown(String why) {
    long started = System.nanoTime();
    LOG.info(
        "Shutting down ({}): health NOT_SERVING, new calls refused, calls in flight get {} ms to"
            + " finish, close() {} ms",
        why,
        settings.grace().toMillis(),
        settings.closeTimeout().toMillis());
    health.setStatus("", ServingStatus.NOT_SERVING);
    health.setStatus(FunctionRuntimeGrpc.SERVICE_NAME, ServingStatus.NOT_SERVING);
    Drained drained = host.drain(settings.grace());
    boolean closed = host.close(settings.closeTimeout());
    health.enterTerminalState();
    server.shutdown();
    try {
      if (!server.awaitTermination(1, TimeUnit.SECONDS)) {
        server.shutdownNow().awaitTermination(1, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    }
    Stopped stopped =
        new Stopped(drained, closed, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
    LOG.info("{}", stopped.summary());
    return stopped;
  }

  /** The longest {@link #shutdown} may take: the grace plus the close limit, and a little. */
  @Override
  public Duration shutdownBound() {
    return settings.grace().plus(settings.closeTimeout()).plusSeconds(3);
  }

  @Override
  public void closeHandlers(Duration limit) {
    host.close(limit);
  }

  @Override
  public void close() {
    shutdown("closed");
  }
}
