package dev.udfshim.it;

import java.net.URI;
import java.net.URL;
import java.net.URLClassLoader;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.MetricOptions;
import org.apache.flink.configuration.PipelineOptions;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * A real Flink: one MiniCluster (REST on loopback) per test class, and table environments that
 * submit their jobs to it through Flink's remote executor, as a client of a cluster would.
 */
public final class FlinkCluster implements AutoCloseable {
  private final MiniCluster cluster;
  private final URI rest;
  private final List<URLClassLoader> loaders = new ArrayList<>();

  private FlinkCluster(MiniCluster cluster, URI rest) {
    this.cluster = cluster;
    this.rest = rest;
  }

  static FlinkCluster start() throws Exception {
    Configuration config = new Configuration();
    config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    config.set(RestOptions.ADDRESS, "127.0.0.1");
    config.set(RestOptions.BIND_PORT, "0");
    config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(64));
    // Task metrics through the REST API are fresh within half a second (FleetIT reads them).
    config.set(MetricOptions.METRIC_FETCHER_UPDATE_INTERVAL, Duration.ofMillis(500));
    MiniCluster cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(config)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(4)
                .build());
    cluster.start();
    return new FlinkCluster(cluster, cluster.getRestAddress().get());
  }

  /**
   * A table environment whose jobs run on this cluster.
   *
   * @param jars jars of the job (the UDF classes run in-process), for the planner's class loader
   *     and the cluster's user-code class loader; none for the shim module, whose classes are on
   *     the class path
   * @param options table options, e.g. {@code table.exec.async-scalar.buffer-capacity}
   */
  TableEnvironment environment(boolean streaming, List<Path> jars, Map<String, String> options)
      throws Exception {
    Configuration config = new Configuration();
    config.set(DeploymentOptions.TARGET, "remote");
    config.set(RestOptions.ADDRESS, rest.getHost());
    config.set(RestOptions.PORT, rest.getPort());
    config.set(CoreOptions.DEFAULT_PARALLELISM, 1);
    List<URL> urls = new ArrayList<>();
    for (Path jar : jars) {
      urls.add(jar.toUri().toURL());
    }
    config.set(PipelineOptions.JARS, urls.stream().map(URL::toString).toList());
    options.forEach(config::setString);
    URLClassLoader loader =
        new URLClassLoader(urls.toArray(URL[]::new), FlinkCluster.class.getClassLoader());
    loaders.add(loader);
    EnvironmentSettings.Builder settings =
        EnvironmentSettings.newInstance().withConfiguration(config).withClassLoader(loader);
    return TableEnvironment.create(
        (streaming ? settings.inStreamingMode() : settings.inBatchMode()).build());
  }

  /** A GET of the cluster's REST API: the JSON it answers. */
  String rest(String path) throws Exception {
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(rest.resolve(path)).build(),
                HttpResponse.BodyHandlers.ofString());
    if (response.statusCode() != 200) {
      throw new AssertionError(
          path + " answered " + response.statusCode() + ": " + response.body());
    }
    return response.body();
  }

  /** Runs a query and collects every row it produced. */
  static List<Row> rows(TableEnvironment env, String sql) throws Exception {
    List<Row> rows = new ArrayList<>();
    try (CloseableIterator<Row> result = env.executeSql(sql).collect()) {
      result.forEachRemaining(rows::add);
    }
    return rows;
  }

  /** Every message of an exception and its causes, for assertions on what a failed query said. */
  static String messages(Throwable error) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }

  @Override
  public void close() throws Exception {
    try {
      cluster.close();
    } finally {
      for (URLClassLoader loader : loaders) {
        loader.close();
      }
    }
  }
}
