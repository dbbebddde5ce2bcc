package dev.udfshim.flink.sql;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.table.api.TableEnvironment;

/**
 * What a Flink SQL IT class needs: the UDFs extracted and served (servers started while the
 * MiniCluster starts), and table environments that reach them through the shim module or run the
 * same classes in-process.
 */
public final class SqlSetup implements AutoCloseable {
  private final RemoteUdfs udfs;
  private final MiniFlink flink;
  private final RemoteUdfs.Servers servers;
  private final List<RemoteUdfs.Servers> more = new ArrayList<>();

  private SqlSetup(RemoteUdfs udfs, MiniFlink flink, RemoteUdfs.Servers servers) {
    this.udfs = udfs;
    this.flink = flink;
    this.servers = servers;
  }

  /** Extracts the UDFs into {@code dir}, serves the signatures with the config vars. */
  public static SqlSetup start(Path dir, List<String> signatures, Map<String, String> configVars)
      throws Exception {
    CompletableFuture<MiniFlink> starting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return MiniFlink.start();
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    try {
      RemoteUdfs udfs = RemoteUdfs.prepare(dir);
      RemoteUdfs.Servers servers = udfs.serve(signatures, configVars);
      return new SqlSetup(udfs, starting.get(180, TimeUnit.SECONDS), servers);
    } catch (Exception e) {
      starting.thenAccept(
          flink -> {
            try {
              flink.close();
            } catch (Exception ignored) {
              // closing after a failed start
            }
          });
      throw e;
    }
  }

  public RemoteUdfs udfs() {
    return udfs;
  }

  public MiniFlink flink() {
    return flink;
  }

  public RemoteUdfs.Servers servers() {
    return servers;
  }

  /** More servers of the same signatures with other config vars, closed with the rest. */
  public RemoteUdfs.Servers serve(List<String> signatures, Map<String, String> configVars)
      throws Exception {
    RemoteUdfs.Servers started = udfs.serve(signatures, configVars);
    more.add(started);
    return started;
  }

  /** Servers as they were before control frames, closed with the rest. */
  public RemoteUdfs.Servers serveAsBeforeControlFrames(
      List<String> signatures, Map<String, String> configVars) throws Exception {
    RemoteUdfs.Servers started = udfs.serveAsBeforeControlFrames(signatures, configVars);
    more.add(started);
    return started;
  }

  /** A table environment with the shim module loaded over the servers. */
  public TableEnvironment shim(
      boolean streaming, Map<String, String> tableOptions, Map<String, String> moduleOptions) {
    return shim(servers, streaming, tableOptions, moduleOptions);
  }

  /** A table environment with the shim module loaded over other servers. */
  public TableEnvironment shim(
      RemoteUdfs.Servers over,
      boolean streaming,
      Map<String, String> tableOptions,
      Map<String, String> moduleOptions) {
    TableEnvironment env = flink.environment(streaming, tableOptions);
    env.executeSql(over.loadModule(moduleOptions));
    return env;
  }

  /**
   * A table environment over a DataStream environment, with the shim module loaded over the servers
   * and the view {@code nulls} of {@link NullRows}.
   */
  public org.apache.flink.table.api.bridge.java.StreamTableEnvironment shimOverNulls(
      boolean streaming, Map<String, String> moduleOptions, int rows) {
    var streams = flink.dataStream(streaming, Map.of());
    var tables = MiniFlink.tables(streams, streaming);
    tables.executeSql(servers.loadModule(moduleOptions));
    tables.createTemporaryView("nulls", NullRows.table(streams, tables, rows));
    return tables;
  }

  /** As {@link #shimOverNulls}, with the UDF classes in-process instead. */
  public org.apache.flink.table.api.bridge.java.StreamTableEnvironment inProcessOverNulls(
      boolean streaming, int rows) {
    var streams = flink.dataStream(streaming, Map.of());
    var tables = MiniFlink.tables(streams, streaming);
    RemoteUdfs.registerInProcess(tables);
    tables.createTemporaryView("nulls", NullRows.table(streams, tables, rows));
    return tables;
  }

  /** A table environment with the UDF classes registered in-process under the same names. */
  public TableEnvironment inProcess(boolean streaming) {
    TableEnvironment env = flink.environment(streaming, Map.of());
    RemoteUdfs.registerInProcess(env);
    return env;
  }

  @Override
  public void close() throws Exception {
    try {
      servers.close();
      more.forEach(RemoteUdfs.Servers::close);
    } finally {
      flink.close();
    }
  }
}
