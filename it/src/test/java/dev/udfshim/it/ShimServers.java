package dev.udfshim.it;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * Execution servers started from an unzipped shim artifact, one process per signature (one {@code
 * scp_config/<class>/<n>} each), as the platform runs them; started in parallel, stopped together.
 */
public final class ShimServers implements AutoCloseable {
  private final Map<String, ShimProcess> servers;

  private ShimServers(Map<String, ShimProcess> servers) {
    this.servers = servers;
  }

  /**
   * Serves each {@code <class>/<n>} of the artifact.
   *
   * @param configVars extra config vars for every server, beside its spec_base64 (then each gets a
   *     copy of its config dir under {@code copies})
   */
  static ShimServers start(
      ShimZip zip, List<String> signatures, Map<String, String> configVars, Path copies)
      throws Exception {
    Map<String, Future<ShimProcess>> starting = new LinkedHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (String signature : signatures) {
        String className = signature.substring(0, signature.lastIndexOf('/'));
        int n = Integer.parseInt(signature.substring(signature.lastIndexOf('/') + 1));
        Path config =
            configVars.isEmpty()
                ? zip.spec(className, n)
                : zip.specWith(className, n, configVars, copies.resolve(signature));
        starting.put(signature, pool.submit(() -> zip.serve("execution", config)));
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

  ShimProcess server(String signature) {
    return servers.get(signature);
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
