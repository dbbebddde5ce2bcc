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
 * Client and server agree on batching by themselves: a current server says in its describe answer
 * that it takes batch frames and how many rows, whatever its legacy switch ({@code
 * shim.execution.batch}); a server as it was before control frames answers describe with an error
 * and is served one row per call, or in the legacy batch framing when the module is told so with
 * 'batch.enabled'. Every answer equals the query's with the UDF classes in-process.
 */
class NegotiationIT {
  private static final String PACKAGE = RemoteUdfs.PACKAGE;
  private static final List<String> SIGNATURES =
      List.of("AddOne/0", "Fails/0", "Older/0", "SplitWords/0");
  private static final Map<String, String> ASYNC_TABLE_OPTIONS =
      Map.of(
          "table.exec.async-scalar.buffer-capacity", "400",
          "table.exec.async-scalar.retry-strategy", "NO_RETRY");
  private static final Map<String, String> UNSAFE_ASYNC =
      Map.of("scalar.mode", "ASYNC_UNSAFE_NULLS", "batch.max-wait", "1 s");
  private static final String LEGACY_ONE_ROW_QUERY =
      "SELECT t.id, AddOne(t.x), Older(t.p, 2), s.word FROM (VALUES"
          + " (1, CAST(1 AS BIGINT), CAST(ROW('Ada', 36) AS ROW<name STRING, age INT>), 'a b'),"
          + " (2, CAST(NULL AS BIGINT), CAST(NULL AS ROW<name STRING, age INT>),"
          + " CAST(NULL AS STRING))) AS t(id, x, p, text)"
          + " LEFT JOIN LATERAL TABLE(SplitWords(t.text)) AS s(word, length) ON TRUE";

  @TempDir static Path dir;
  private static SqlSetup setup;
  private static RemoteUdfs.Servers oldOneRow;
  private static RemoteUdfs.Servers oldBatches;
  private static TableEnvironment local;

  @BeforeAll
  static void start() throws Exception {
    // The default servers keep the legacy switch on, at most 100 rows a batch.
    setup =
        SqlSetup.start(
            dir, SIGNATURES, Map.of(Framing.BATCH_VAR, "true", Framing.BATCH_MAX_ROWS_VAR, "100"));
    oldOneRow = setup.serveAsBeforeControlFrames(SIGNATURES, Map.of());
    oldBatches =
        setup.serveAsBeforeControlFrames(
            List.of("AddOne/0"),
            Map.of(Framing.BATCH_VAR, "true", Framing.BATCH_MAX_ROWS_VAR, "100"));
    local = setup.inProcess(true);
    local.executeSql(numbers(20_000));
  }

  @AfterAll
  static void stop() throws Exception {
    if (setup != null) {
      setup.close();
    }
  }

  private static String numbers(int rows) {
    return "CREATE TEMPORARY TABLE numbers (x BIGINT) WITH ('connector' = 'datagen',"
        + " 'rows-per-second' = '1000000000', 'number-of-rows' = '"
        + rows
        + "', 'fields.x.kind' = 'sequence', 'fields.x.start' = '1', 'fields.x.end' = '"
        + rows
        + "')";
  }

  private static TableEnvironment async(RemoteUdfs.Servers servers, Map<String, String> options) {
    TableEnvironment env = setup.shim(servers, true, ASYNC_TABLE_OPTIONS, options);
    env.executeSql(numbers(20_000));
    return env;
  }

  @Test
  void aServerWithTheLegacySwitchIsBatchedWithoutAnySwitchOnTheClient() throws Exception {
    String sql =
        "SELECT x, AddOne(x), Older(p, 1) FROM (SELECT x, CAST(ROW(CAST(x AS STRING),"
            + " CAST(x AS INT)) AS ROW<name STRING, age INT>) AS p FROM numbers)";
    List<Row> rows = MiniFlink.rows(async(setup.servers(), UNSAFE_ASYNC), sql);
    assertThat(rows)
        .hasSize(20_000)
        .containsExactlyInAnyOrderElementsOf(MiniFlink.rows(local, sql));
    assertThat(rows).contains(Row.of(20_000L, 20_001L, Row.of("20000", 20_001)));
  }

  @Test
  void theServersLimitCapsALargerBatchSize() throws Exception {
    Map<String, String> options = new java.util.HashMap<>(UNSAFE_ASYNC);
    options.put("batch.size", "400");
    String sql = "SELECT x, AddOne(x) FROM numbers";
    assertThat(MiniFlink.rows(async(setup.servers(), options), sql))
        .hasSize(20_000)
        .containsExactlyInAnyOrderElementsOf(MiniFlink.rows(local, sql));
  }

  @Test
  void aFailingRowFailsItsBatchWithItsIndexAndTheUdfsMessage() throws Exception {
    TableEnvironment env = async(setup.servers(), UNSAFE_ASYNC);
    assertThatThrownBy(() -> MiniFlink.rows(env, "SELECT Fails(15000 - x) FROM numbers"))
        .satisfies(
            e -> {
              Matcher row =
                  Pattern.compile(
                          "Row index (\\d+) of (\\d+): "
                              + Pattern.quote(PACKAGE)
                              + "Fails\\.eval threw java\\.lang\\.IllegalArgumentException:"
                              + " negative input -\\d+ \\("
                              + Pattern.quote(PACKAGE)
                              + "Fails signature 0 at 127\\.0\\.0\\.1:\\d+\\)")
                      .matcher(MiniFlink.messages(e));
              assertThat(row.find()).as(MiniFlink.messages(e)).isTrue();
              assertThat(Integer.parseInt(row.group(2))).as("rows in the batch").isGreaterThan(1);
            });
  }

  @Test
  void syncCallsAServerWithTheLegacySwitchWithNullsAndTableFunctions() throws Exception {
    List<Row> rows = MiniFlink.rows(setup.shim(true, Map.of(), Map.of()), LEGACY_ONE_ROW_QUERY);
    assertThat(rows)
        .containsExactlyInAnyOrderElementsOf(MiniFlink.rows(local, LEGACY_ONE_ROW_QUERY));
    assertThat(rows)
        .containsExactlyInAnyOrder(
            Row.of(1, 2L, Row.of("Ada", 38), "a"),
            Row.of(1, 2L, Row.of("Ada", 38), "b"),
            Row.of(2, null, null, null));
  }

  @Test
  void aServerFromBeforeControlFramesIsServedOneRowPerCall() throws Exception {
    assertThat(
            MiniFlink.rows(setup.shim(oldOneRow, true, Map.of(), Map.of()), LEGACY_ONE_ROW_QUERY))
        .containsExactlyInAnyOrderElementsOf(MiniFlink.rows(local, LEGACY_ONE_ROW_QUERY));
    String sql = "SELECT x, AddOne(x) FROM numbers";
    assertThat(MiniFlink.rows(async(oldOneRow, UNSAFE_ASYNC), sql))
        .hasSize(20_000)
        .containsExactlyInAnyOrderElementsOf(MiniFlink.rows(local, sql));
  }

  @Test
  void anOldBatchServerIsBatchedWithTheLegacyOptionAndRefusesOneRowCallsWithoutIt()
      throws Exception {
    Map<String, String> legacy = new java.util.HashMap<>(UNSAFE_ASYNC);
    legacy.put("batch.enabled", "true");
    legacy.put("batch.size", "100");
    String sql = "SELECT x, AddOne(x) FROM numbers";
    assertThat(MiniFlink.rows(async(oldBatches, legacy), sql))
        .hasSize(20_000)
        .containsExactlyInAnyOrderElementsOf(MiniFlink.rows(local, sql));
    TableEnvironment unaware = setup.shim(oldBatches, true, Map.of(), Map.of());
    assertThatThrownBy(() -> MiniFlink.rows(unaware, "SELECT AddOne(1)"))
        .satisfies(
            e ->
                assertThat(MiniFlink.messages(e))
                    .contains(
                        "The server predates control frames and reads batches: it was started"
                            + " with shim.execution.batch = true, so set 'batch.enabled' = 'true',"
                            + " or update the server.")
                    .contains(PACKAGE + "AddOne signature 0 at 127.0.0.1:"));
  }
}
