package dev.udfshim.flink.sql;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.udfshim.flink.ShimFunctions;
import dev.udfshim.flink.ShimOptions;
import java.math.BigDecimal;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Flink SQL through the shim: the UDFs of {@code dev.udfshim.flink.sql.udfs}, extracted by the
 * runtime's tooling and served by its execution servers (one process per signature), called by a
 * real Flink (MiniCluster, table planner) through the shim module. Results equal the same query's
 * with the UDF classes registered in-process.
 */
class FlinkSqlIT {
  private static final String PACKAGE = RemoteUdfs.PACKAGE;
  private static final List<String> SIGNATURES =
      List.of(
          "AddOne/0",
          "Greet/0",
          "Greet/1",
          "Shift/0",
          "Shift/1",
          "Shift/2",
          "Backwards/0",
          "Tally/0",
          "Older/0",
          "SplitWords/0",
          "RandomBelow/0",
          "Fails/0",
          "Sleep/0",
          "Piped/0",
          "Counted/0");

  @TempDir static Path unpacked;
  private static SqlSetup sample;
  private static MiniFlink flink;
  private static TableEnvironment remote;
  private static TableEnvironment local;

  @BeforeAll
  static void start() throws Exception {
    sample = SqlSetup.start(unpacked, SIGNATURES, Map.of());
    flink = sample.flink();
    remote = sample.shim(true, Map.of(), Map.of());
    local = sample.inProcess(true);
  }

  @AfterAll
  static void stop() throws Exception {
    if (sample != null) {
      sample.close();
    }
  }

  /** The rows of a query through the shim, checked against the query with the UDFs in-process. */
  private static List<Row> sameAsInProcess(TableEnvironment shim, String sql) throws Exception {
    List<Row> expected = MiniFlink.rows(local, sql);
    List<Row> rows = MiniFlink.rows(shim, sql);
    assertThat(rows).containsExactlyInAnyOrderElementsOf(expected);
    return rows;
  }

  @Test
  void scalarFunctionsWithNullsAndAnOverloadChosenByArity() throws Exception {
    List<Row> rows =
        sameAsInProcess(
            remote,
            "SELECT id, AddOne(x), Greet(name), Greet('Hi', name) FROM (VALUES"
                + " (1, CAST(41 AS BIGINT), 'Ada'),"
                + " (2, CAST(NULL AS BIGINT), CAST(NULL AS STRING))) AS t(id, x, name)");
    assertThat(rows)
        .containsExactlyInAnyOrder(
            Row.of(1, 42L, "Hello, Ada!", "Hi, Ada!"),
            Row.of(2, null, "Hello, stranger!", "Hi, stranger!"));
  }

  @Test
  void decimalTimestampDateArrayMapAndRowValues() throws Exception {
    List<Row> rows =
        sameAsInProcess(
            remote,
            "SELECT id, Shift(d, 1), Shift(amount, CAST(5 AS BIGINT)), Shift(ts, 2),"
                + " Shift(CAST(1.5 AS DECIMAL(5, 1)), CAST(1 AS BIGINT)),"
                + " Backwards(arr), Tally(m, w), Older(p, 3) FROM (VALUES"
                + " (1, DATE '2024-02-28', CAST(19.99 AS DECIMAL(10, 2)),"
                + "  CAST(TIMESTAMP '2024-12-31 23:30:00.123' AS TIMESTAMP(3)),"
                + "  ARRAY['a', CAST(NULL AS STRING), 'c'],"
                + "  CAST(MAP['x', 1, 'y', 2] AS MAP<STRING, INT>), CAST('x' AS STRING),"
                + "  CAST(ROW('Ada', 36) AS ROW<name STRING, age INT>)),"
                + " (2, CAST(NULL AS DATE), CAST(NULL AS DECIMAL(10, 2)),"
                + "  CAST(NULL AS TIMESTAMP(3)), CAST(NULL AS ARRAY<STRING>),"
                + "  CAST(NULL AS MAP<STRING, INT>), CAST(NULL AS STRING),"
                + "  CAST(ROW('Bo', CAST(NULL AS INT)) AS ROW<name STRING, age INT>)))"
                + " AS t(id, d, amount, ts, arr, m, w, p)");
    Row first = rows.stream().filter(r -> r.getField(0).equals(1)).findFirst().orElseThrow();
    assertThat(first.getField(1)).isEqualTo(LocalDate.of(2024, 2, 29));
    assertThat(first.getField(2)).isEqualTo(new BigDecimal("20.04"));
    assertThat(first.getField(3)).isEqualTo(LocalDateTime.of(2025, 1, 1, 1, 30, 0, 123_000_000));
    assertThat(first.getField(4)).isEqualTo(new BigDecimal("1.51"));
    assertThat((String[]) first.getField(5)).containsExactly("c", null, "a");
    assertThat(first.getField(6)).isEqualTo(Map.of("x", 2, "y", 2));
    assertThat(first.getField(7)).isEqualTo(Row.of("Ada", 39));
    Row second = rows.stream().filter(r -> r.getField(0).equals(2)).findFirst().orElseThrow();
    assertThat(second.getField(1)).isNull();
    assertThat(second.getField(5)).isNull();
    assertThat(second.getField(6)).isEqualTo(Map.of());
    assertThat(second.getField(7)).isEqualTo(Row.of("Bo", null));
  }

  @Test
  void tableFunctionThroughLateralTable() throws Exception {
    String values =
        " FROM (VALUES (1, 'to be  or'), (2, CAST(NULL AS STRING)), (3, ' ')) AS t(id, text)";
    List<Row> inner =
        sameAsInProcess(
            remote,
            "SELECT t.id, s.word, s.length"
                + values
                + ", LATERAL TABLE(SplitWords(t.text)) AS s(word, length)");
    assertThat(inner)
        .containsExactlyInAnyOrder(Row.of(1, "to", 2), Row.of(1, "be", 2), Row.of(1, "or", 2));
    List<Row> outer =
        sameAsInProcess(
            remote,
            "SELECT t.id, s.word"
                + values
                + " LEFT JOIN LATERAL TABLE(SplitWords(t.text)) AS s(word, length) ON TRUE");
    assertThat(outer).contains(Row.of(2, null), Row.of(3, null)).hasSize(5);
  }

  @Test
  void nonDeterministicFunctionIsCalledForEveryRow() throws Exception {
    String sql =
        "SELECT RandomBelow(1000000) FROM (VALUES "
            + IntStream.rangeClosed(1, 20)
                .mapToObj(Integer::toString)
                .collect(Collectors.joining(", "))
            + ") AS t(i)";
    for (TableEnvironment env : List.of(local, remote)) {
      List<Row> rows = MiniFlink.rows(env, sql);
      Set<Object> values = new HashSet<>();
      rows.forEach(r -> values.add(r.getField(0)));
      assertThat(rows).hasSize(20);
      assertThat(values)
          .allSatisfy(v -> assertThat((Integer) v).isBetween(0, 999_999))
          .as("a constant argument is not folded into one value")
          .hasSizeGreaterThan(1);
    }
  }

  @Test
  void theUdfsOwnMessageFailsTheQuery() throws Exception {
    String sql = "SELECT Fails(x) FROM (VALUES CAST(1 AS BIGINT), CAST(-1 AS BIGINT)) AS t(x)";
    assertThatThrownBy(() -> MiniFlink.rows(local, sql))
        .satisfies(e -> assertThat(MiniFlink.messages(e)).contains("negative input -1"));
    assertThatThrownBy(() -> MiniFlink.rows(remote, sql))
        .satisfies(
            e ->
                assertThat(MiniFlink.messages(e))
                    .contains(
                        "dev.udfshim.flink.sql.udfs.Fails.eval threw"
                            + " java.lang.IllegalArgumentException: negative input -1 ("
                            + PACKAGE
                            + "Fails signature 0 at 127.0.0.1:"));
  }

  @Test
  void batchRuntimeModeCallsTheSameServers() throws Exception {
    TableEnvironment batch = sample.shim(false, Map.of(), Map.of());
    TableEnvironment inProcessBatch = sample.inProcess(false);
    String sql =
        "SELECT t.id, AddOne(t.x), Greet(t.name), s.word FROM (VALUES"
            + " (1, CAST(1 AS BIGINT), 'a b'), (2, CAST(NULL AS BIGINT), CAST(NULL AS STRING)))"
            + " AS t(id, x, name) LEFT JOIN LATERAL TABLE(SplitWords(t.name)) AS s(word, length)"
            + " ON TRUE";
    List<Row> rows = MiniFlink.rows(batch, sql);
    assertThat(rows).containsExactlyInAnyOrderElementsOf(MiniFlink.rows(inProcessBatch, sql));
    assertThat(rows)
        .containsExactlyInAnyOrder(
            Row.of(1, 2L, "Hello, a b!", "a"),
            Row.of(1, 2L, "Hello, a b!", "b"),
            Row.of(2, null, "Hello, stranger!", null));
  }

  @Test
  void tableApiRegistrationWithANameOfItsOwn() throws Exception {
    TableEnvironment env = flink.environment(true, Map.of());
    ShimFunctions.builder()
        .signatures(sample.udfs().signatures())
        .endpoint(PACKAGE + "AddOne", 0, "127.0.0.1:" + sample.servers().port("AddOne/0"))
        .name(PACKAGE + "AddOne", "plus_one")
        .register(env);
    assertThat(env.listFunctions()).contains("plus_one").doesNotContain("Greet");
    assertThat(MiniFlink.rows(env, "SELECT plus_one(41)")).containsExactly(Row.of(42L));
  }

  /**
   * SYNC, the default, over NULLs from a real source (a DataStream, which the planner cannot fold
   * into constants): pass-through columns, NULL arguments, computed NULL arguments and a table
   * function, in streaming and batch runtime mode, exactly the rows of the UDFs in-process.
   */
  @org.junit.jupiter.params.ParameterizedTest(name = "streaming = {0}")
  @org.junit.jupiter.params.provider.ValueSource(booleans = {true, false})
  void syncIsExactOnNullsFromARealSource(boolean streaming) throws Exception {
    String sql =
        "SELECT id, s, i, x, AddOne(x), Piped(s, text),"
            + " Piped(CASE WHEN id % 2 = 0 THEN CAST(NULL AS STRING) ELSE s END, 'v'),"
            + " Greet(s), w.word FROM nulls LEFT JOIN LATERAL TABLE(SplitWords(text))"
            + " AS w(word, length) ON TRUE";
    List<Row> rows = MiniFlink.rows(sample.shimOverNulls(streaming, Map.of(), 300), sql);
    assertThat(rows)
        .containsExactlyInAnyOrderElementsOf(
            MiniFlink.rows(sample.inProcessOverNulls(streaming, 300), sql));
    assertThat(rows)
        .contains(
            Row.of(0L, null, null, null, null, "null|null", "null|v", "Hello, stranger!", null));
  }

  /**
   * 'cache.size' answers a repeated argument of a deterministic function from the cache: Counted
   * answers every call differently, so equal answers for equal arguments show the hits.
   */
  @Test
  void theResultCacheAnswersRepeatedArguments() throws Exception {
    String sql = "SELECT id, Counted(id % 7) FROM nulls";
    List<Row> cached =
        MiniFlink.rows(sample.shimOverNulls(true, Map.of("cache.size", "100"), 300), sql);
    Map<Object, Set<Object>> answers = new java.util.HashMap<>();
    cached.forEach(
        r ->
            answers
                .computeIfAbsent((Long) r.getField(0) % 7, k -> new HashSet<>())
                .add(r.getField(1)));
    assertThat(cached).hasSize(300);
    assertThat(answers).hasSize(7).allSatisfy((x, values) -> assertThat(values).hasSize(1));
    List<Row> uncached = MiniFlink.rows(sample.shimOverNulls(true, Map.of(), 300), sql);
    assertThat(uncached.stream().map(r -> r.getField(1)).distinct().count())
        .as("without the cache every call answers anew")
        .isEqualTo(300);
  }

  @Test
  void asyncUnsafeNullsMatchesInProcessOnRowsWithoutNulls() throws Exception {
    TableEnvironment async =
        sample.shim(true, Map.of(), Map.of("scalar.mode", "ASYNC_UNSAFE_NULLS"));
    String table =
        "CREATE TEMPORARY TABLE numbers (x BIGINT) WITH ('connector' = 'datagen', 'rows-per-second' = '1000000000',"
            + " 'number-of-rows' = '500', 'fields.x.kind' = 'sequence',"
            + " 'fields.x.start' = '1', 'fields.x.end' = '500')";
    async.executeSql(table);
    local.executeSql(table.replace("numbers", "numbers_local"));
    String sql = "SELECT x, AddOne(x), Greet(CAST(x AS STRING)) FROM numbers";
    List<Row> rows = MiniFlink.rows(async, sql);
    assertThat(rows)
        .hasSize(500)
        .containsExactlyInAnyOrderElementsOf(
            MiniFlink.rows(local, sql.replace("numbers", "numbers_local")));
    assertThat(rows).contains(Row.of(500L, 501L, "Hello, 500!"));
  }

  @Test
  void asyncUnsafeNullsFailsTheQueryWithTheUdfsOwnMessage() throws Exception {
    TableEnvironment async =
        sample.shim(
            true,
            Map.of("table.exec.async-scalar.retry-strategy", "NO_RETRY"),
            Map.of("scalar.mode", "ASYNC_UNSAFE_NULLS"));
    assertThatThrownBy(
            () -> MiniFlink.rows(async, "SELECT Fails(x) FROM (VALUES CAST(-7 AS BIGINT)) AS t(x)"))
        .satisfies(
            e -> assertThat(MiniFlink.messages(e)).contains("negative input -7 (" + PACKAGE));
  }

  /**
   * 'table.mode' = 'ASYNC': on Flink 2.2+ SQL's LATERAL TABLE over the async table function is
   * exact on NULLs from a real source (streaming) and refused with a sentence in a batch job;
   * before 2.2 the module refuses it when it loads.
   */
  @Test
  void asyncTableFunctionsWhereFlinkKeepsThemExactElseASentence() throws Exception {
    String version = dev.udfshim.flink.function.AsyncScalarDefect.flinkVersion();
    Map<String, String> options = Map.of("table.mode", "ASYNC");
    if (!dev.udfshim.flink.function.AsyncScalarDefect.asyncTablesExact(version)) {
      assertThatThrownBy(() -> sample.shimOverNulls(true, options, 10))
          .satisfies(
              e ->
                  assertThat(MiniFlink.messages(e))
                      .contains(
                          dev.udfshim.flink.function.AsyncScalarDefect.asyncTablesRefusal(
                              version)));
      return;
    }
    String sql =
        "SELECT id, s, i, text, w.word, w.length FROM nulls,"
            + " LATERAL TABLE(SplitWords(text)) AS w(word, length)";
    List<Row> rows = MiniFlink.rows(sample.shimOverNulls(true, options, 300), sql);
    assertThat(rows)
        .containsExactlyInAnyOrderElementsOf(
            MiniFlink.rows(sample.inProcessOverNulls(true, 300), sql));
    assertThat(rows).contains(Row.of(1L, "s1", 1, "w1 v1", "v1", 2));
    assertThatThrownBy(() -> MiniFlink.rows(sample.shimOverNulls(false, options, 10), sql))
        .satisfies(
            e ->
                assertThat(MiniFlink.messages(e))
                    .contains(
                        dev.udfshim.flink.function.AsyncScalarDefect.asyncTablesInBatchMode()));
  }

  /** ASYNC is refused when the module loads, with the sentence naming Flink's defect. */
  @Test
  void asyncIsRefusedWhereFlinkLosesNulls() {
    String version = dev.udfshim.flink.function.AsyncScalarDefect.flinkVersion();
    org.junit.jupiter.api.Assumptions.assumeTrue(
        dev.udfshim.flink.function.AsyncScalarDefect.affects(version));
    assertThatThrownBy(() -> sample.shim(true, Map.of(), Map.of("scalar.mode", "ASYNC")))
        .satisfies(
            e ->
                assertThat(MiniFlink.messages(e))
                    .contains(dev.udfshim.flink.function.AsyncScalarDefect.refusal(version)));
  }

  @Test
  void aCallOverItsDeadlineFailsWithASentence() throws Exception {
    TableEnvironment env = sample.shim(true, Map.of(), Map.of("call.timeout", "1 s"));
    // The server answers a little before the call's deadline with its own sentence; on a loaded
    // machine that answer can arrive after the deadline, and the client's sentence says so.
    String server =
        PACKAGE
            + "Sleep.eval did not return within \\d+ ms \\(the call's deadline\\); it was"
            + " interrupted, .*\\("
            + PACKAGE
            + "Sleep signature 0 at 127.0.0.1:"
            + sample.servers().port("Sleep/0")
            + "\\)";
    String client =
        PACKAGE
            + "Sleep signature 0 at 127.0.0.1:"
            + sample.servers().port("Sleep/0")
            + " did not answer within 1 s \\('call.timeout'\\)";
    assertThatThrownBy(() -> MiniFlink.rows(env, "SELECT Sleep(CAST(5000 AS BIGINT))"))
        .satisfies(
            e ->
                assertThat(MiniFlink.messages(e))
                    .containsPattern("(" + server + ")|(" + client + ")"));
  }

  @Test
  void anUnreachableServerFailsTheQueryAfterTheRetries() throws Exception {
    int port = freePort();
    TableEnvironment env = addOneAt(port, 3, Duration.ofMillis(20), Duration.ofSeconds(5));
    assertThatThrownBy(() -> MiniFlink.rows(env, "SELECT AddOne(1)"))
        .satisfies(
            e ->
                assertThat(MiniFlink.messages(e))
                    .contains(
                        "Cannot reach "
                            + PACKAGE
                            + "AddOne signature 0 at 127.0.0.1:"
                            + port
                            + " after 3 attempt(s) (UNAVAILABLE")
                    .contains(
                        "start it (bin/shim serve --handler_name execution --config_override_dir"
                            + " scp_config/"
                            + PACKAGE
                            + "AddOne/0 --port "
                            + port
                            + ", or every signature at once with bin/shim serve --all) or fix"
                            + " 'endpoints'."));
  }

  @Test
  void aServerThatStartsLateIsReachedByTheRetries() throws Exception {
    int port = freePort();
    TableEnvironment env = addOneAt(port, 10, Duration.ofSeconds(1), Duration.ofSeconds(3));
    // Planned and submitted here (the planner keeps state per thread); collected while the
    // server starts.
    TableResult submitted = env.executeSql("SELECT AddOne(1)");
    CompletableFuture<List<Row>> query =
        CompletableFuture.supplyAsync(
            () -> {
              List<Row> rows = new ArrayList<>();
              try (CloseableIterator<Row> result = submitted.collect()) {
                result.forEachRemaining(rows::add);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
              return rows;
            });
    try (ServeProcess late = sample.udfs().serveOn("AddOne/0", port)) {
      assertThat(query.get(90, TimeUnit.SECONDS)).containsExactly(Row.of(2L));
    }
  }

  @Test
  void loadModuleRefusesABadEndpointWithASentence() throws Exception {
    TableEnvironment env = flink.environment(true, Map.of());
    assertThatThrownBy(
            () ->
                env.executeSql(
                    "LOAD MODULE shim WITH ('signatures' = '"
                        + sample.udfs().signatures()
                        + "', 'endpoints' = '"
                        + PACKAGE
                        + "Greet=localhost:1')"))
        .satisfies(
            e ->
                assertThat(MiniFlink.messages(e))
                    .contains(
                        "'endpoints' entry '"
                            + PACKAGE
                            + "Greet=localhost:1' needs a signature: "
                            + PACKAGE
                            + "Greet has 2"));
  }

  /** An environment with only AddOne, served (or not) at a port, with these retries. */
  private static TableEnvironment addOneAt(
      int port, int attempts, Duration initialBackoff, Duration maxBackoff) throws Exception {
    TableEnvironment env = flink.environment(true, Map.of());
    ShimFunctions.builder()
        .signatures(sample.udfs().signatures())
        .endpoint(PACKAGE + "AddOne", 0, "127.0.0.1:" + port)
        .option(ShimOptions.RETRY_MAX_ATTEMPTS, attempts)
        .option(ShimOptions.RETRY_INITIAL_BACKOFF, initialBackoff)
        .option(ShimOptions.RETRY_MAX_BACKOFF, maxBackoff)
        .register(env);
    return env;
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
