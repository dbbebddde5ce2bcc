package dev.udfshim.flink.sql;

import java.net.URI;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.configuration.CoreOptions;
import org.apache.flink.configuration.DeploymentOptions;
import org.apache.flink.configuration.MemorySize;
import org.apache.flink.configuration.RestOptions;
import org.apache.flink.configuration.TaskManagerOptions;
import org.apache.flink.runtime.minicluster.MiniCluster;
import org.apache.flink.runtime.minicluster.MiniClusterConfiguration;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.EnvironmentSettings;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;

/**
 * A real Flink: one MiniCluster (REST on loopback) per test class, and table environments that
 * submit their jobs to it through Flink's remote executor, as a client of a cluster would. The UDF
 * classes and the shim module are on the class path of both.
 */
public final class MiniFlink implements AutoCloseable {
  private final MiniCluster cluster;
  private final URI rest;

  private MiniFlink(MiniCluster cluster, URI rest) {
    this.cluster = cluster;
    this.rest = rest;
  }

  public static MiniFlink start() throws Exception {
    Configuration config = new Configuration();
    config.set(RestOptions.BIND_ADDRESS, "127.0.0.1");
    config.set(RestOptions.ADDRESS, "127.0.0.1");
    config.set(RestOptions.BIND_PORT, "0");
    config.set(TaskManagerOptions.MANAGED_MEMORY_SIZE, MemorySize.ofMebiBytes(64));
    MiniCluster cluster =
        new MiniCluster(
            new MiniClusterConfiguration.Builder()
                .setConfiguration(config)
                .setNumTaskManagers(1)
                .setNumSlotsPerTaskManager(4)
                .build());
    cluster.start();
    return new MiniFlink(cluster, cluster.getRestAddress().get());
  }

  private Configuration client(Map<String, String> options) {
    Configuration config = new Configuration();
    config.set(DeploymentOptions.TARGET, "remote");
    config.set(RestOptions.ADDRESS, rest.getHost());
    config.set(RestOptions.PORT, rest.getPort());
    config.set(CoreOptions.DEFAULT_PARALLELISM, 1);
    options.forEach(config::setString);
    return config;
  }

  /**
   * A table environment whose jobs run on this cluster.
   *
   * @param options table options, e.g. {@code table.exec.async-scalar.buffer-capacity}
   */
  public TableEnvironment environment(boolean streaming, Map<String, String> options) {
    EnvironmentSettings.Builder settings =
        EnvironmentSettings.newInstance().withConfiguration(client(options));
    return TableEnvironment.create(
        (streaming ? settings.inStreamingMode() : settings.inBatchMode()).build());
  }

  /** A DataStream environment whose jobs run on this cluster, in streaming or batch mode. */
  public StreamExecutionEnvironment dataStream(boolean streaming, Map<String, String> options) {
    Configuration config = new Configuration();
    config.set(CoreOptions.DEFAULT_PARALLELISM, 1);
    options.forEach(config::setString);
    config.setString("execution.runtime-mode", streaming ? "STREAMING" : "BATCH");
    return StreamExecutionEnvironment.createRemoteEnvironment(
        rest.getHost(), rest.getPort(), config);
  }

  /**
   * A table environment over a DataStream environment (for DataStream-backed tables and the batched
   * Table API form), in the same runtime mode.
   */
  public static StreamTableEnvironment tables(StreamExecutionEnvironment env, boolean streaming) {
    EnvironmentSettings.Builder settings = EnvironmentSettings.newInstance();
    return StreamTableEnvironment.create(
        env, (streaming ? settings.inStreamingMode() : settings.inBatchMode()).build());
  }

  /** Runs a query and collects every row it produced. */
  public static List<Row> rows(TableEnvironment env, String sql) throws Exception {
    List<Row> rows = new ArrayList<>();
    try (CloseableIterator<Row> result = env.executeSql(sql).collect()) {
      result.forEachRemaining(rows::add);
    }
    return rows;
  }

  /** Every message of an exception and its causes, for assertions on what a failed query said. */
  public static String messages(Throwable error) {
    StringBuilder text = new StringBuilder();
    for (Throwable t = error; t != null; t = t.getCause() == t ? null : t.getCause()) {
      text.append(t).append('\n');
    }
    return text.toString();
  }

  @Override
  public void close() throws Exception {
    cluster.close();
  }
}
