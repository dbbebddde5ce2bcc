package dev.udfshim.runtime.server;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Several servers in one process ({@code serve --all}), stopped as one: every server drains side by
 * side, so one SIGTERM takes as long as the slowest drain, not their sum; the exit code is 0 only
 * when every server stopped cleanly. They share grpc-java's transport threads (its event loops are
 * one pool per process); each keeps its own UDF instances, threads and time limits, so a hung UDF
 * of one signature delays no other.
 */
public final class ServerGroup implements Served {
  private static final Logger LOG = LoggerFactory.getLogger(ServerGroup.class);

  private final List<ShimServer> servers;

  public ServerGroup(List<ShimServer> servers) {
    this.servers = List.copyOf(servers);
  }

  public List<ShimServer> servers() {
    return servers;
  }

  @Override
  public ShimServer.Stopped shutdown(String why) {
    List<ShimServer.Stopped> each = new ArrayList<>();
    for (CompletableFuture<ShimServer.Stopped> stopping : onEach(server -> server.shutdown(why))) {
      each.add(stopping.join());
    }
    ShimServer.Stopped all = ShimServer.Stopped.all(each);
    if (servers.size() > 1) {
      LOG.info("All {} servers stopped. {}", servers.size(), all.summary());
    }
    return all;
  }

  @Override
  public Duration shutdownBound() {
    Duration longest = Duration.ZERO;
    for (ShimServer server : servers) {
      Duration bound = server.shutdownBound();
      longest = bound.compareTo(longest) > 0 ? bound : longest;
    }
    return longest;
  }

  @Override
  public void closeHandlers(Duration limit) {
    runOnEach(server -> server.closeHandlers(limit));
  }

  @Override
  public void awaitTermination() throws InterruptedException {
    for (ShimServer server : servers) {
      server.awaitTermination();
    }
  }

  @Override
  public void close() {
    shutdown("closed");
  }

  /** Runs the action for every server at once, each on a thread of its own. */
  private <T> List<CompletableFuture<T>> onEach(Function<ShimServer, T> action) {
    List<CompletableFuture<T>> futures = new ArrayList<>();
    for (ShimServer server : servers) {
      CompletableFuture<T> future = new CompletableFuture<>();
      Thread thread =
          new Thread(
              () -> {
                try {
                  future.complete(action.apply(server));
                } catch (Throwable e) {
                  future.completeExceptionally(e);
                }
              },
              "shim-stop-" + server.port());
      thread.setDaemon(true);
      thread.start();
      futures.add(future);
    }
    return futures;
  }

  private void runOnEach(Consumer<ShimServer> action) {
    onEach(
            server -> {
              action.accept(server);
              return null;
            })
        .forEach(CompletableFuture::join);
  }
}
