package dev.udfshim.runtime.fleet;

import dev.udfshim.protocol.config.ConfigKeys;
import dev.udfshim.protocol.module.LoadModule;
import dev.udfshim.runtime.config.ExecutionOptions;
import dev.udfshim.runtime.config.ServerOptions;
import dev.udfshim.runtime.config.Settings;
import dev.udfshim.runtime.handler.ConfigDirContext;
import dev.udfshim.runtime.handler.Context;
import dev.udfshim.runtime.handler.HandlerException;
import dev.udfshim.runtime.handler.HandlerRegistry;
import dev.udfshim.runtime.handler.LayeredContext;
import dev.udfshim.runtime.metrics.RowCount;
import dev.udfshim.runtime.metrics.ServerMetrics;
import dev.udfshim.runtime.server.HandlerHost;
import dev.udfshim.runtime.server.ServerGroup;
import dev.udfshim.runtime.server.ShimServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@code serve --all}: one execution server per signature of an artifact in this process, on ports
 * from the base port upward (0: any free ones), and, once every handler opened, the {@code LOAD
 * MODULE} statement that reaches them all.
 *
 * <p>One port per signature, not one port for all: {@code Invoke} names no function, so a server
 * can only tell signatures apart by where the call arrives, and the platform runs one handler per
 * process behind its own address. So the Flink client treats a local endpoint and a platform
 * endpoint alike, and a statement printed here works against the platform by changing addresses.
 */
public final class AllServers {
  private static final Logger LOG = LoggerFactory.getLogger(AllServers.class);

  /**
   * What to serve and how.
   *
   * @param shared a config override dir whose vars every signature gets (they win over the
   *     signature's own), or null
   * @param advertised the host the statement names
   */
  public record Request(
      ArtifactSignatures artifact,
      Path shared,
      String host,
      String advertised,
      int basePort,
      ShimServer.Tls tls,
      boolean reflection,
      ClassLoader loader,
      ServerMetrics metrics) {}

  private final ServerGroup group;
  private final Map<String, Integer> ports;
  private final List<HandlerHost> hosts;
  private final Request request;

  private AllServers(
      Request request, ServerGroup group, Map<String, Integer> ports, List<HandlerHost> hosts) {
    this.request = request;
    this.group = group;
    this.ports = ports;
    this.hosts = hosts;
  }

  /**
   * Starts every server; a failure to start one (a port in use, a bad config var) stops those
   * started and is thrown as a sentence.
   */
  public static AllServers start(Request request) throws IOException {
    Context shared =
        request.shared() == null ? key -> java.util.Optional.empty() : sharedVars(request.shared());
    List<ShimServer> servers = new ArrayList<>();
    List<HandlerHost> hosts = new ArrayList<>();
    Map<String, Integer> ports = new LinkedHashMap<>();
    List<ArtifactSignatures.Served> signatures = request.artifact().signatures();
    try {
      for (int i = 0; i < signatures.size(); i++) {
        ArtifactSignatures.Served signature = signatures.get(i);
        Context context =
            new LayeredContext(shared, new ConfigDirContext(signature.configDirectory()));
        HandlerHost host =
            new HandlerHost(HandlerRegistry.create("execution", request.loader()), context);
        if (request.metrics() != null) {
          host.observe(
              request
                  .metrics()
                  .of("execution", signature.className(), String.valueOf(signature.index())),
              RowCount.of(batched(context)));
        }
        int port = request.basePort() == 0 ? 0 : request.basePort() + i;
        ShimServer server;
        try {
          server =
              ShimServer.start(
                  new ShimServer.Options(request.host(), port, request.tls(), request.reflection()),
                  host);
        } catch (IllegalArgumentException | IOException e) {
          throw new IOException(
              "Cannot serve " + signature.key() + " on port " + port + ": " + e.getMessage(), e);
        }
        servers.add(server);
        hosts.add(host);
        ports.put(signature.key(), server.port());
      }
    } catch (IOException | RuntimeException e) {
      new ServerGroup(servers).shutdown("a signature could not be served");
      throw e;
    }
    return new AllServers(request, new ServerGroup(servers), ports, hosts);
  }

  private static Context sharedVars(Path dir) {
    if (!Files.isDirectory(dir)) {
      throw new IllegalArgumentException(
          "Config override dir " + dir + " does not exist; create it (it may be empty).");
    }
    if (Files.exists(dir.resolve(ConfigKeys.SPEC_VAR))) {
      throw new IllegalArgumentException(
          "With --all, the config override dir "
              + dir
              + " holds vars for every signature, and each signature's "
              + ConfigKeys.SPEC_VAR
              + " comes from the artifact; remove "
              + ConfigKeys.SPEC_VAR
              + " from it.");
    }
    return new ConfigDirContext(dir);
  }

  private static boolean batched(Context context) {
    try {
      return new Settings(context).get(ExecutionOptions.BATCH);
    } catch (HandlerException e) {
      return false; // the handler refuses the var with its own sentence at open
    }
  }

  public ServerGroup group() {
    return group;
  }

  /** The port of each signature, by {@code <class>/<n>}. */
  public Map<String, Integer> ports() {
    return Map.copyOf(ports);
  }

  /**
   * Waits until every handler ended its open; the signatures whose handler failed to open, with the
   * reason (they answer it to every call).
   */
  public Map<String, String> awaitOpen() {
    Map<String, String> failed = new LinkedHashMap<>();
    List<ArtifactSignatures.Served> signatures = request.artifact().signatures();
    CompletableFuture.allOf(
            hosts.stream().map(HandlerHost::opened).toArray(CompletableFuture[]::new))
        .join();
    for (int i = 0; i < hosts.size(); i++) {
      String failure = hosts.get(i).opened().join();
      if (failure != null) {
        failed.put(signatures.get(i).key(), failure);
      }
    }
    return failed;
  }

  /** The statement that makes every served function callable from Flink SQL, on one line. */
  public String statement() {
    Map<String, String> endpoints = new LinkedHashMap<>();
    ports.forEach((key, port) -> endpoints.put(key, address(request.advertised(), port)));
    Map<String, String> more = new LinkedHashMap<>();
    tokenFile().ifPresent(file -> more.put(LoadModule.TOKEN_FILE, file.toString()));
    if (request.tls() != null) {
      more.put(LoadModule.TLS_ENABLED, "true");
    }
    return LoadModule.statement(request.artifact().signaturesFile().toString(), endpoints, more);
  }

  /**
   * The file a client reads the servers' bearer token from: the token file var's, or the file of
   * the token var itself (a config var is a file), when one is set.
   */
  private java.util.Optional<Path> tokenFile() {
    ShimServer first = group.servers().get(0);
    if (!first.requiresToken()) {
      return java.util.Optional.empty();
    }
    if (first.tokenFile() != null) {
      return java.util.Optional.of(first.tokenFile());
    }
    String key = ServerOptions.TOKEN.key();
    if (request.shared() != null && Files.isRegularFile(request.shared().resolve(key))) {
      return java.util.Optional.of(request.shared().resolve(key).toAbsolutePath());
    }
    Path own = request.artifact().signatures().get(0).configDirectory().resolve(key);
    return Files.isRegularFile(own)
        ? java.util.Optional.of(own.toAbsolutePath())
        : java.util.Optional.empty();
  }

  public static String address(String host, int port) {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }

  /** Logs what serves where, one line per signature. */
  public void logPorts() {
    for (ArtifactSignatures.Served signature : request.artifact().signatures()) {
      LOG.info("{} {} on port {}", signature.key(), signature.text(), ports.get(signature.key()));
    }
  }
}
