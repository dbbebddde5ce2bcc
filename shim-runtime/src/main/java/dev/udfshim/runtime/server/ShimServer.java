package dev.udfshim.runtime.server;

import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.protobuf.services.HealthStatusManager;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import secure.compute.function.runtime.v2.FunctionRuntimeGrpc;

/**
 * The function runtime gRPC server: {@code FunctionRuntime/Invoke} in front of one handler, plus
 * server reflection and the standard health service, so generic clients work without .proto files.
 */
public final class ShimServer implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ShimServer.class);

  private final Server server;
  private final HandlerHost host;
  private final HealthStatusManager health;

  private ShimServer(Server server, HandlerHost host, HealthStatusManager health) {
    this.server = server;
    this.host = host;
    this.health = health;
  }

  /** Opens the handler, binds {@code host:port} (port 0 picks a free one) and starts serving. */
  public static ShimServer start(String bindHost, int port, HandlerHost handlerHost)
      throws IOException {
    String openFailure = handlerHost.open();
    HealthStatusManager health = new HealthStatusManager();
    Server server =
        NettyServerBuilder.forAddress(new InetSocketAddress(bindHost, port))
            .addService(
                ServerInterceptors.intercept(
                    new FunctionRuntimeService(handlerHost), new ErrorTrailer()))
            .addService(ProtoReflectionServiceV1.newInstance())
            .addService(legacyReflection())
            .addService(health.getHealthService())
            .build();
    try {
      server.start();
    } catch (IOException e) {
      handlerHost.close();
      throw new IOException(
          "Cannot listen on "
              + bindHost
              + ":"
              + port
              + " ("
              + e.getMessage()
              + "); is another server on that port? Pick another with --port.",
          e);
    }
    // The server answers even when the handler failed to open (with that failure), so it is up.
    health.setStatus("", ServingStatus.SERVING);
    health.setStatus(FunctionRuntimeGrpc.SERVICE_NAME, ServingStatus.SERVING);
    ShimServer shim = new ShimServer(server, handlerHost, health);
    LOG.info(
        "FunctionRuntime server listening on {}:{} with handler {}{}",
        bindHost,
        shim.port(),
        handlerHost.handlerName(),
        openFailure == null ? "" : " (open failed; every request answers: " + openFailure + ")");
    return shim;
  }

  /** grpcurl and older tools still ask the v1alpha reflection service first. */
  @SuppressWarnings("deprecation")
  private static io.grpc.BindableService legacyReflection() {
    return io.grpc.protobuf.services.ProtoReflectionService.newInstance();
  }

  public int port() {
    return server.getPort();
  }

  public void awaitTermination() throws InterruptedException {
    server.awaitTermination();
  }

  /** Stops taking calls, lets running ones finish for up to 5 s, then closes the handler. */
  @Override
  public void close() {
    health.enterTerminalState();
    server.shutdown();
    try {
      if (!server.awaitTermination(5, TimeUnit.SECONDS)) {
        server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      server.shutdownNow();
      Thread.currentThread().interrupt();
    } finally {
      host.close();
    }
  }
}
