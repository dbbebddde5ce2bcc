package dev.udfshim.flink.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.udfshim.protocol.framing.Framing;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flink SQL through servers that speak the batch framing ({@code shim.execution.batch = true}, at
 * most 100 rows a batch): the module with 'batch.enabled' sends many rows per call in ASYNC mode
 * and one-row batches in SYNC mode; results equal the query's with the UDF classes in-process.
 */
class FlinkBatchedSqlIT {
  private static final String PACKAGE = RemoteUdfs.PACKAGE;
  private static final Map<String, String> ASYNC_TABLE_OPTIONS =
      Map.of(
          // Room for the batches to fill: batch.size x async.max-in-flight rows in flight.
          "table.exec.async-scalar.buffer-capacity", "400",
          "table.exec.async-scalar.retry-strategy", "NO_RETRY");
  private static final Map<String, String> BATCHED_ASYNC =
      Map.of(
          "scalar.mode", "ASYNC",
          "batch.enabled", "true",
          "batch.size", "100",
          "batch.max-wait", "1 s");

  @TempDir static Path unpacked;
  private static SqlSetup sample;
  private static TableEnvironment local;

  @BeforeAll
  static void start() throws Exception {
    sample =
        SqlSetup.start(
            unpacked,
            List.of("AddOne/0", "Fails/0", "Older/0", "SplitWords/0"),
            Map.of(Framing.BATCH_VAR, "true", Framing.BATCH_MAX_ROWS_VAR, "100"));
    local = sample.inProcess(true);
    local.executeSql(numbers("numbers", 20_000));
  }

  @AfterAll
  static void stop() throws Exception {
    if (sample != null) {
      sample.close();
    }
  }

  private static String numbers(String name, int rows) {
    return "CREATE TEMPORARY TABLE "
        + name
        + " (x BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '1000000000', 'number-of-rows' = '"
        + rows
        + "', 'fields.x.kind' = 'sequence', 'fields.x.start' = '1', 'fields.x.end' = '"
        + rows
        + "')";
  }

  private static TableEnvironment batchedAsync(Map<String, String> moduleOptions) throws Exception {
    TableEnvironment env = sample.shim(true, ASYNC_TABLE_OPTIONS, moduleOptions);
    env.executeSql(numbers("numbers", 20_000));
    return env;
  }

  @Test
  void batchedQueryOverDatagenEqualsInProcess() throws Exception {
    String sql =
        "SELECT x, AddOne(x), Older(p, 1) FROM (SELECT x, CAST(ROW(CAST(x AS STRING),"
            + " CAST(x AS INT)) AS ROW<name STRING, age INT>) AS p FROM numbers)";
    List<Row> rows = MiniFlink.rows(batchedAsync(BATCHED_ASYNC), sql);
    assertThat(rows)
        .hasSize(20_000)
        .containsExactlyInAnyOrderElementsOf(MiniFlink.rows(local, sql));
    assertThat(rows).contains(Row.of(20_000L, 20_001L, Row.of("20000", 20_001)));
  }

  @Test
  void aFailingRowFailsItsBatchWithItsIndexAndTheUdfsMessage() throws Exception {
    TableEnvironment env = batchedAsync(BATCHED_ASYNC);
    assertThatThrownBy(() -> MiniFlink.rows(env, "SELECT Fails(15000 - x) FROM numbers"))
        .satisfies(
            e -> {
              Matcher row =
                  Pattern.compile(
                          "Row index (\\d+) of (\\d+): dev\\.udfshim\\.flink\\.sql\\.udfs\\.Fails\\.eval"
                              + " threw java\\.lang\\.IllegalArgumentException: negative input"
                              + " -\\d+ \\(dev\\.udfshim\\.flink\\.sql\\.udfs\\.Fails signature 0 at"
                              + " 127\\.0\\.0\\.1:\\d+\\)")
                      .matcher(MiniFlink.messages(e));
              assertThat(row.find()).as(MiniFlink.messages(e)).isTrue();
              assertThat(Integer.parseInt(row.group(2))).as("rows in the batch").isGreaterThan(1);
            });
  }

  @Test
  void aBatchOverTheServersLimitIsRefusedWithItsSentence() throws Exception {
    Map<String, String> options = new java.util.HashMap<>(BATCHED_ASYNC);
    options.put("batch.size", "400");
    TableEnvironment env = batchedAsync(options);
    assertThatThrownBy(() -> MiniFlink.rows(env, "SELECT AddOne(x) FROM numbers"))
        .satisfies(
            e ->
                assertThat(MiniFlink.messages(e))
                    .contains("shim.execution.batch.max.rows")
                    .contains(PACKAGE + "AddOne signature 0 at 127.0.0.1:"));
  }

  @Test
  void syncModeSendsOneRowBatchesIncludingNullsAndTableFunctions() throws Exception {
    TableEnvironment env = sample.shim(true, Map.of(), Map.of("batch.enabled", "true"));
    String sql =
        "SELECT t.id, AddOne(t.x), Older(t.p, 2), s.word FROM (VALUES"
            + " (1, CAST(1 AS BIGINT), CAST(ROW('Ada', 36) AS ROW<name STRING, age INT>), 'a b'),"
            + " (2, CAST(NULL AS BIGINT), CAST(NULL AS ROW<name STRING, age INT>),"
            + " CAST(NULL AS STRING))) AS t(id, x, p, text)"
            + " LEFT JOIN LATERAL TABLE(SplitWords(t.text)) AS s(word, length) ON TRUE";
    List<Row> rows = MiniFlink.rows(env, sql);
    assertThat(rows).containsExactlyInAnyOrderElementsOf(MiniFlink.rows(local, sql));
    assertThat(rows)
        .containsExactlyInAnyOrder(
            Row.of(1, 2L, Row.of("Ada", 38), "a"),
            Row.of(1, 2L, Row.of("Ada", 38), "b"),
            Row.of(2, null, null, null));
  }

  @Test
  void oneRowFramingAgainstABatchServerFailsWithTheServersSentence() throws Exception {
    TableEnvironment env = sample.shim(true, Map.of(), Map.of());
    assertThatThrownBy(() -> MiniFlink.rows(env, "SELECT AddOne(1)"))
        .satisfies(
            e ->
                assertThat(MiniFlink.messages(e))
                    .contains("batch")
                    .contains(PACKAGE + "AddOne signature 0 at 127.0.0.1:"));
  }
}
