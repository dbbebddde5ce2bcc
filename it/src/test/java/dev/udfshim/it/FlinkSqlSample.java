package dev.udfshim.it;

import dev.udfshim.protocol.layout.ShimLayout;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.flink.table.api.TableEnvironment;

/**
 * The Flink SQL sample (shim-maven-plugin/src/it/udf-project-flink-sql) end to end: its shim zip
 * unzipped, an execution server per listed signature started from it, and a MiniCluster whose table
 * environments reach the UDFs either through the shim module or as the classes in-process.
 */
public final class FlinkSqlSample implements AutoCloseable {
  static final String PACKAGE = "com.example.flinksql.";

  private final Path dir;
  private final ShimZip zip;
  private final FlinkCluster flink;
  private final ShimServers servers;
  private final List<String> functions;
  private final List<ShimServers> more = new ArrayList<>();

  private FlinkSqlSample(
      Path dir, ShimZip zip, FlinkCluster flink, ShimServers servers, List<String> functions) {
    this.dir = dir;
    this.zip = zip;
    this.flink = flink;
    this.servers = servers;
    this.functions = functions;
  }

  /**
   * Starts servers for the signatures ({@code AddOne/0}, ...) with the config vars, and the
   * cluster, at the same time.
   */
  public static FlinkSqlSample start(
      Path dir, List<String> signatures, Map<String, String> configVars) throws Exception {
    ShimZip zip = ShimZip.unpack("udf-project-flink-sql", "flink-sql-udfs-1.0.0-shim.zip", dir);
    CompletableFuture<ShimServers> starting =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return ShimServers.start(
                    zip,
                    signatures.stream().map(s -> PACKAGE + s).toList(),
                    configVars,
                    dir.resolve("config"));
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    FlinkCluster flink = FlinkCluster.start();
    ShimServers servers;
    try {
      servers = starting.get(180, TimeUnit.SECONDS);
    } catch (Exception e) {
      flink.close();
      throw e;
    }
    List<String> functions =
        signatures.stream().map(s -> s.substring(0, s.indexOf('/'))).distinct().toList();
    return new FlinkSqlSample(dir, zip, flink, servers, functions);
  }

  /**
   * More servers of the same signatures with other config vars (e.g. batched ones), closed with the
   * sample; use them with {@link #shim(ShimServers, boolean, Map, Map)}.
   */
  public ShimServers serve(List<String> signatures, Map<String, String> configVars)
      throws Exception {
    ShimServers started =
        ShimServers.start(
            zip,
            signatures.stream().map(s -> PACKAGE + s).toList(),
            configVars,
            dir.resolve("config-" + more.size()));
    more.add(started);
    return started;
  }

  ShimZip zip() {
    return zip;
  }

  FlinkCluster flink() {
    return flink;
  }

  Path signatures() {
    return zip.root().resolve(ShimLayout.SIGNATURES);
  }

  /** The port of a signature's server ({@code AddOne/0}). */
  int port(String signature) {
    return servers.server(PACKAGE + signature).port();
  }

  private String loadModule(ShimServers servers, Map<String, String> options) {
    StringBuilder sql =
        new StringBuilder("LOAD MODULE shim WITH ('signatures' = '")
            .append(signatures())
            .append("', 'endpoints' = '")
            .append(servers.endpoints())
            .append("'");
    options.forEach((k, v) -> sql.append(", '").append(k).append("' = '").append(v).append("'"));
    return sql.append(")").toString();
  }

  /** A table environment with the shim module loaded. */
  public TableEnvironment shim(
      boolean streaming, Map<String, String> tableOptions, Map<String, String> moduleOptions)
      throws Exception {
    return shim(servers, streaming, tableOptions, moduleOptions);
  }

  /** A table environment with the shim module over other servers of the sample. */
  public TableEnvironment shim(
      ShimServers servers,
      boolean streaming,
      Map<String, String> tableOptions,
      Map<String, String> moduleOptions)
      throws Exception {
    TableEnvironment env = flink.environment(streaming, List.of(), tableOptions);
    env.executeSql(loadModule(servers, moduleOptions));
    return env;
  }

  /** A table environment with the UDF classes registered in-process under the same names. */
  public TableEnvironment inProcess(boolean streaming) throws Exception {
    TableEnvironment env =
        flink.environment(
            streaming,
            List.of(zip.root().resolve(ShimLayout.UDF_LIB).resolve("flink-sql-udfs-1.0.0.jar")),
            Map.of());
    for (String name : functions) {
      env.executeSql("CREATE TEMPORARY SYSTEM FUNCTION " + name + " AS '" + PACKAGE + name + "'");
    }
    return env;
  }

  @Override
  public void close() throws Exception {
    try {
      servers.close();
      more.forEach(ShimServers::close);
    } finally {
      flink.close();
    }
  }
}
