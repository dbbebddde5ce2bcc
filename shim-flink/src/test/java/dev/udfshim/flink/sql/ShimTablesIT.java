package dev.udfshim.flink.sql;

import static org.apache.flink.table.api.Expressions.$;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.udfshim.flink.ShimFunctions;
import dev.udfshim.flink.ShimOptions;
import dev.udfshim.flink.ShimTables;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The exact batched form (ShimTables) over a real MiniCluster: a DataStream-backed table with NULLs
 * in the pass-through columns and in the arguments, in streaming and in batch runtime mode, answers
 * exactly the rows of the same UDF classes registered in-process, in input order, many rows per
 * call (servers started without any batch switch: the client learns it from describe).
 */
class ShimTablesIT {
  private static final String PACKAGE = RemoteUdfs.PACKAGE;
  private static final int ROWS = 5000;

  @TempDir static Path dir;
  private static SqlSetup setup;
  private static ShimTables shim;

  @BeforeAll
  static void start() throws Exception {
    setup =
        SqlSetup.start(dir, List.of("AddOne/0", "Piped/0", "SplitWords/0", "Fails/0"), Map.of());
    ShimFunctions.Builder builder = ShimFunctions.builder().signatures(setup.udfs().signatures());
    for (String signature : List.of("AddOne/0", "Piped/0", "SplitWords/0", "Fails/0")) {
      String name = signature.substring(0, signature.indexOf('/'));
      builder.endpoint(PACKAGE + name, 0, "127.0.0.1:" + setup.servers().port(signature));
    }
    shim = ShimTables.of(builder.option(ShimOptions.RETRY_MAX_ATTEMPTS, 1).build());
  }

  @AfterAll
  static void stop() throws Exception {
    if (setup != null) {
      setup.close();
    }
  }

  private static Table source(Env env) {
    return NullRows.table(env.streams(), env.tables(), ROWS);
  }

  private static List<Row> collect(Table table) throws Exception {
    List<Row> rows = new ArrayList<>();
    try (CloseableIterator<Row> result = table.execute().collect()) {
      result.forEachRemaining(rows::add);
    }
    return rows;
  }

  /** A DataStream environment and its table environment, the UDFs registered in-process. */
  private record Env(StreamExecutionEnvironment streams, StreamTableEnvironment tables) {}

  private static Env environment(boolean streaming, Map<String, String> options) {
    StreamExecutionEnvironment streams = setup.flink().dataStream(streaming, options);
    StreamTableEnvironment tables = MiniFlink.tables(streams, streaming);
    RemoteUdfs.registerInProcess(tables);
    return new Env(streams, tables);
  }

  private static Env environment(boolean streaming) {
    return environment(streaming, Map.of());
  }

  @ParameterizedTest(name = "streaming = {0}")
  @ValueSource(booleans = {true, false})
  void scalarCallsKeepEveryColumnAndNullExactlyInInputOrder(boolean streaming) throws Exception {
    Env e = environment(streaming);
    StreamTableEnvironment env = e.tables();
    Table input = source(e);
    env.createTemporaryView("t", input);
    Table remote = shim.call(env, shim.call(env, input, "AddOne", "x"), "Piped", "s", "text");
    List<Row> expected =
        collect(env.sqlQuery("SELECT *, AddOne(x) AS AddOne, Piped(s, text) AS Piped FROM t"));
    List<Row> rows = collect(remote);

    assertThat(remote.getResolvedSchema().getColumnNames())
        .containsExactly("id", "s", "i", "x", "text", "AddOne", "Piped");
    assertThat(rows).hasSize(ROWS).containsExactlyElementsOf(expected);
    assertThat(rows.get(0)).isEqualTo(Row.of(0L, null, null, null, null, null, "null|null"));
    assertThat(rows.get(1)).isEqualTo(Row.of(1L, "s1", 1, 10L, "w1 v1", 11L, "s1|w1 v1"));
  }

  @ParameterizedTest(name = "streaming = {0}")
  @ValueSource(booleans = {true, false})
  void anIntColumnIsCastToTheSignaturesBigint(boolean streaming) throws Exception {
    Env e = environment(streaming);
    StreamTableEnvironment env = e.tables();
    Table input = source(e);
    env.createTemporaryView("t", input);
    Table remote = shim.call(env, input, "AddOne", "i");
    assertThat(remote.getResolvedSchema().getColumnNames())
        .containsExactly("id", "s", "i", "x", "text", "AddOne");
    assertThat(collect(remote))
        .containsExactlyElementsOf(
            collect(env.sqlQuery("SELECT *, AddOne(CAST(i AS BIGINT)) AS AddOne FROM t")));
  }

  @ParameterizedTest(name = "streaming = {0}")
  @ValueSource(booleans = {true, false})
  void tableFunctionsJoinLikeLateralTableInnerAndLeft(boolean streaming) throws Exception {
    Env e = environment(streaming);
    StreamTableEnvironment env = e.tables();
    Table input = source(e).select($("id"), $("s"), $("text"));
    env.createTemporaryView("t", input);
    List<Row> inner = collect(shim.call(env, input, "SplitWords", "text"));
    assertThat(inner)
        .containsExactlyElementsOf(
            collect(
                env.sqlQuery(
                    "SELECT t.*, w.word, w.length FROM t,"
                        + " LATERAL TABLE(SplitWords(text)) AS w(word, length)")));
    assertThat(inner).contains(Row.of(1L, "s1", "w1 v1", "w1", 2));
    List<Row> left = collect(shim.callKeepingEmpty(env, input, "SplitWords", "text"));
    assertThat(left)
        .containsExactlyElementsOf(
            collect(
                env.sqlQuery(
                    "SELECT t.*, w.word, w.length FROM t LEFT JOIN"
                        + " LATERAL TABLE(SplitWords(text)) AS w(word, length) ON TRUE")));
    assertThat(left)
        .contains(Row.of(0L, null, null, null, null), Row.of(4L, "s4", " ", null, null));
  }

  /**
   * The operator writes every output row into one buffer, as Flink's own generated operators do:
   * with Flink's object reuse on, nothing copies it on the way, and each row emitted (several per
   * input row here), sorted before it is collected, must still be whole.
   */
  @ParameterizedTest(name = "streaming = {0}")
  @ValueSource(booleans = {true, false})
  void withObjectReuseEveryEmittedRowStaysWhole(boolean streaming) throws Exception {
    Env e = environment(streaming, Map.of("pipeline.object-reuse", "true"));
    StreamTableEnvironment env = e.tables();
    Table input = source(e).select($("id"), $("s"), $("text"));
    env.createTemporaryView("t", input);
    Table remote = shim.call(env, shim.call(env, input, "SplitWords", "text"), "AddOne", "id");
    String sql =
        "SELECT t.*, w.word, w.length, AddOne(id) AS AddOne FROM t,"
            + " LATERAL TABLE(SplitWords(text)) AS w(word, length)";
    if (streaming) {
      assertThat(collect(remote)).containsExactlyElementsOf(collect(env.sqlQuery(sql)));
    } else {
      List<Row> sorted = collect(remote.orderBy($("id").desc(), $("word").desc()).fetch(ROWS * 4));
      assertThat(sorted)
          .hasSizeGreaterThan(ROWS)
          .containsExactlyElementsOf(
              collect(env.sqlQuery(sql + " ORDER BY id DESC, word DESC LIMIT " + ROWS * 4)));
    }
  }

  @ParameterizedTest(name = "streaming = {0}")
  @ValueSource(booleans = {true, false})
  void aFailingRowFailsTheJobWithItsIndexAndTheUdfsMessage(boolean streaming) {
    Env e = environment(streaming);
    StreamTableEnvironment env = e.tables();
    Table input = source(e).select($("id"), $("id").minus(4000L).as("y"));
    assertThatThrownBy(() -> collect(shim.call(env, input, "Fails", "y")))
        .satisfies(
            error -> {
              Matcher row =
                  Pattern.compile(
                          "Row index (\\d+) of (\\d+): "
                              + Pattern.quote(PACKAGE)
                              + "Fails\\.eval threw java\\.lang\\.IllegalArgumentException:"
                              + " negative input -\\d+ \\("
                              + Pattern.quote(PACKAGE)
                              + "Fails signature 0 at 127\\.0\\.0\\.1:\\d+\\)")
                      .matcher(MiniFlink.messages(error));
              assertThat(row.find()).as(MiniFlink.messages(error)).isTrue();
              assertThat(Integer.parseInt(row.group(2))).as("rows in the call").isGreaterThan(1);
            });
  }

  @ParameterizedTest(name = "streaming = {0}")
  @ValueSource(booleans = {true})
  void checkpointsFlushEveryBatchBeforeTheirBarrier(boolean streaming) throws Exception {
    Env e = environment(streaming, Map.of("execution.checkpointing.interval", "50 ms"));
    StreamTableEnvironment env = e.tables();
    Table input = source(e);
    env.createTemporaryView("t", input);
    assertThat(collect(shim.call(env, input, "AddOne", "x")))
        .containsExactlyElementsOf(collect(env.sqlQuery("SELECT *, AddOne(x) AS AddOne FROM t")));
  }

  @org.junit.jupiter.api.Test
  void unknownFunctionsColumnsAndTakenNamesAreOneSentenceEach() {
    Env e = environment(true);
    StreamTableEnvironment env = e.tables();
    Table input = source(e);
    assertThatThrownBy(() -> shim.call(env, input, "Nope", "x"))
        .hasMessageStartingWith("The shim module has no function Nope; it has [");
    assertThatThrownBy(() -> shim.call(env, input, "AddOne", "nope"))
        .hasMessage("The table has no column nope for AddOne; it has [id, s, i, x, text].");
    assertThatThrownBy(() -> shim.call(env, input, "AddOne", "s"))
        .hasMessageStartingWith(
            "No signature of AddOne ("
                + PACKAGE
                + "AddOne) takes columns of"
                + " the types [STRING]; it serves [(BIGINT) -> BIGINT].");
    Table once = shim.call(env, input, "AddOne", "x");
    assertThatThrownBy(() -> shim.call(env, once, "AddOne", "x"))
        .hasMessage(
            "The table already has a column AddOne, which AddOne adds; rename that column first"
                + " (Table#renameColumns).");
  }
}
