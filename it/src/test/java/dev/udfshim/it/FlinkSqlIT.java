package dev.udfshim.it;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flink SQL through the shim: the UDFs of it/src/it/udf-project-flink-sql served by execution
 * servers started from its shim zip (one-row protocol), called by a real Flink (MiniCluster, table
 * planner) through the shim module; every result equals the same query's with the UDF classes
 * registered in-process.
 */
class FlinkSqlIT {
  private static final String PACKAGE = "com.example.flinksql.";
  private static final List<String> SIGNATURES =
      List.of(
          "AddOne/0",
          "Greet/0",
          "Greet/1",
          "Shift/0",
          "Shift/1",
          "Shift/2",
          "Reverse/0",
          "Tally/0",
          "Older/0",
          "SplitWords/0",
          "RandomBelow/0",
          "Fails/0",
          "Sleep/0");

  @TempDir static Path unpacked;
  private static FlinkCluster flink;
  private static ShimServers servers;
  private static TableEnvironment remote;
  private static TableEnvironment local;

  @BeforeAll
  static void start() throws Exception {
    ShimZip.unzip(
        ShimZip.built("udf-project-flink-sql", "flink-sql-udfs-1.0.0-shim.zip"), unpacked);
    flink = FlinkCluster.start();
    servers =
        ShimServers.start(unpacked, Map.of(), SIGNATURES.stream().map(s -> PACKAGE + s).toList());
    remote = flink.environment(true, List.of(), Map.of());
    remote.executeSql(
        "LOAD MODULE shim WITH ('signatures' = '"
            + unpacked.resolve("signatures.json")
            + "', 'endpoints' = '"
            + servers.endpoints()
            + "')");
    local =
        flink.environment(
            true, List.of(unpacked.resolve("lib/udf/flink-sql-udfs-1.0.0.jar")), Map.of());
    SIGNATURES.stream()
        .map(s -> s.substring(0, s.indexOf('/')))
        .distinct()
        .forEach(
            name ->
                local.executeSql(
                    "CREATE TEMPORARY SYSTEM FUNCTION " + name + " AS '" + PACKAGE + name + "'"));
  }

  @AfterAll
  static void stop() throws Exception {
    if (servers != null) {
      servers.close();
    }
    if (flink != null) {
      flink.close();
    }
  }

  /** The rows of a query through the shim, checked against the query with the UDFs in-process. */
  private static List<Row> sameAsInProcess(String sql) throws Exception {
    List<Row> inProcess = FlinkCluster.rows(local, sql);
    List<Row> remoteRows = FlinkCluster.rows(remote, sql);
    assertThat(remoteRows).containsExactlyInAnyOrderElementsOf(inProcess);
    return remoteRows;
  }

  @Test
  void scratch() throws Exception {
    remote.executeSql("CREATE TEMPORARY TABLE g (id BIGINT, name STRING, n BIGINT) WITH ('connector'='datagen','number-of-rows'='10','fields.id.kind'='sequence','fields.id.start'='1','fields.id.end'='10','fields.name.null-rate'='0.5','fields.name.length'='3','fields.n.null-rate'='0.5','fields.n.min'='1','fields.n.max'='9')");
    System.out.println("SCRATCH async " + FlinkCluster.rows(remote, "SELECT id, name, n, AddOne(id) FROM g"));
    System.out.println("SCRATCH async2 " + FlinkCluster.rows(remote, "SELECT id, name, n, AddOne(n) FROM g"));
    System.out.println("SCRATCH explain " + remote.explainSql("SELECT id, name, n, AddOne(id) FROM g"));
  }

  @Test
  void scalarFunctionsWithNullsAndAnOverloadChosenByArity() throws Exception {
    List<Row> rows =
        sameAsInProcess(
            "SELECT id, AddOne(x), Greet(name), Greet('Hi', name) FROM (VALUES"
                + " (1, CAST(41 AS BIGINT), 'Ada'),"
                + " (2, CAST(NULL AS BIGINT), CAST(NULL AS STRING))) AS t(id, x, name)");
    assertThat(rows)
        .containsExactlyInAnyOrder(
            Row.of(1, 42L, "Hello, Ada!", "Hi, Ada!"),
            Row.of(2, null, "Hello, stranger!", "Hi, stranger!"));
  }
}
