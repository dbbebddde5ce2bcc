package dev.udfshim.it;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.Stream;

/**
 * Execution servers started from an unzipped shim artifact, one process per signature (one {@code
 * scp_config/<class>/<n>} each), as the platform runs them; started in parallel, stopped together.
 */
final class ShimServers implements AutoCloseable {
  private final Map<String, ShimProcess> servers;

  private ShimServers(Map<String, ShimProcess> servers) {
    this.servers = servers;
  }

  /**
   * Serves each {@code <class>/<n>} of the artifact.
   *
   * @param configVars extra config vars for every server (files beside its spec_base64)
   */
  static ShimServers start(Path artifact, Map<String, String> configVars, List<String> signatures)
      throws Exception {
    Map<String, Future<ShimProcess>> starting = new LinkedHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (String signature : signatures) {
        Path config = configDir(artifact, signature, configVars);
        List<String> command = new ArrayList<>();
        command.add(artifact.resolve("bin/shim").toString());
        command.addAll(ShimProcess.serveArguments("execution", config));
        starting.put(signature, pool.submit(() -> ShimProcess.start(command)));
      }
      Map<String, ShimProcess> started = new LinkedHashMap<>();
      Exception failure = null;
      for (Map.Entry<String, Future<ShimProcess>> entry : starting.entrySet()) {
        try {
          started.put(entry.getKey(), entry.getValue().get());
        } catch (Exception e) {
          failure = failure == null ? e : failure;
        }
      }
      if (failure != null) {
        started.values().forEach(ShimProcess::close);
        throw failure;
      }
      return new ShimServers(started);
    } finally {
      pool.shutdown();
    }
  }

  /**
   * The config override dir of a signature: the artifact's own, or a copy with the extra vars when
   * there are any.
   */
  static Path configDir(Path artifact, String signature, Map<String, String> configVars)
      throws Exception {
    Path original = artifact.resolve("scp_config").resolve(signature);
    if (configVars.isEmpty()) {
      return original;
    }
    Path copy = artifact.resolve("scp_config_" + Integer.toHexString(configVars.hashCode()));
    Path dir = Files.createDirectories(copy.resolve(signature));
    try (Stream<Path> files = Files.list(original)) {
      for (Path file : files.toList()) {
        Files.copy(file, dir.resolve(file.getFileName()));
      }
    }
    for (Map.Entry<String, String> var : configVars.entrySet()) {
      Files.writeString(dir.resolve(var.getKey()), var.getValue());
    }
    return dir;
  }

  int port(String signature) {
    return servers.get(signature).port();
  }

  /** The module's 'endpoints' value: {@code <class>/<n>=127.0.0.1:<port>;...}. */
  String endpoints() {
    List<String> entries = new ArrayList<>();
    servers.forEach((signature, server) -> entries.add(signature + "=127.0.0.1:" + server.port()));
    return String.join(";", entries);
  }

  @Override
  public void close() {
    servers.values().parallelStream().forEach(ShimProcess::close);
  }
}
