package dev.udfshim.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.udfshim.protocol.layout.ShimLayout;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
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
 * {@code bin/shim serve --all} on the Flink SQL sample's zip: one process serves every signature,
 * prints the LOAD MODULE statement once all are open; pasted as printed into a real Flink
 * (MiniCluster), it makes every scalar and table function of the sample callable, with exactly the
 * rows of the classes in-process. Its metrics count the calls the queries made, and one SIGTERM
 * stops every server with exit code 0.
 */
class ServeAllIT {
  private static final String PACKAGE = FlinkSqlSample.PACKAGE;
  private static final int ROWS = 12;
  private static final Pattern METRICS = Pattern.compile("on (http://\\S+/metrics)");

  @TempDir static Path unpacked;
  private static ShimZip zip;
  private static ShimProcess all;
  private static FlinkCluster flink;
  private static String statement;

  @BeforeAll
  static void start() throws Exception {
    zip = ShimZip.unpack("udf-project-flink-sql", "flink-sql-udfs-1.0.0-shim.zip", unpacked);
    all =
        ShimProcess.start(
            List.of(
                zip.root().resolve(ShimLayout.LAUNCHER).toString(),
                "serve",
                "--all",
                "--port",
                "0",
                "--metrics-port",
                "0"));
    flink = FlinkCluster.start();
    statement = all.awaitLine(line -> line.startsWith("LOAD MODULE shim WITH ("), 120_000);
  }

  @AfterAll
  static void stop() throws Exception {
    if (all != null) {
      all.close();
    }
    if (flink != null) {
      flink.close();
    }
  }

  /** A real source: ids 1 to ROWS from datagen, NULLs in every column by the id. */
  private static void source(TableEnvironment env) {
    env.executeSql(
        "CREATE TEMPORARY TABLE src (id BIGINT) WITH ('connector' = 'datagen', 'number-of-rows' = '"
            + ROWS
            + "', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '"
            + ROWS
            + "')");
    env.executeSql(
        "CREATE TEMPORARY VIEW t AS SELECT id,"
            + " CASE WHEN MOD(id, 4) = 0 THEN CAST(NULL AS BIGINT) ELSE id END AS x,"
            + " CASE WHEN MOD(id, 4) = 1 THEN CAST(NULL AS STRING)"
            + "  ELSE CONCAT('to be ', CAST(id AS STRING)) END AS name,"
            + " CASE WHEN MOD(id, 4) = 2 THEN CAST(NULL AS DATE) ELSE DATE '2024-02-28' END AS d,"
            + " CASE WHEN MOD(id, 4) = 3 THEN CAST(NULL AS DECIMAL(10, 2))"
            + "  ELSE CAST(id AS DECIMAL(10, 2)) / 4 END AS amount,"
            + " CASE WHEN MOD(id, 3) = 0 THEN CAST(NULL AS TIMESTAMP(3))"
            + "  ELSE CAST(TIMESTAMP '2024-12-31 23:30:00.123' AS TIMESTAMP(3)) END AS ts,"
            + " CASE WHEN MOD(id, 3) = 1 THEN CAST(NULL AS ARRAY<STRING>)"
            + "  ELSE ARRAY[CAST(id AS STRING), CAST(NULL AS STRING), 'c'] END AS arr,"
            + " CASE WHEN MOD(id, 3) = 2 THEN CAST(NULL AS MAP<STRING, INT>)"
            + "  ELSE MAP['x', CAST(id AS INT)] END AS m,"
            + " CASE WHEN MOD(id, 5) = 0 THEN CAST(NULL AS INT) ELSE CAST(id AS INT) END AS age"
            + " FROM src");
  }

  private static final String SCALARS =
      "SELECT id, AddOne(x), Greet(name), Greet('Hi', name), Shift(d, 1),"
          + " Shift(amount, CAST(5 AS BIGINT)), Shift(ts, 2), Backwards(arr), Tally(m, 'x'),"
          + " Older(ROW('Ada', age), 3), RandomBelow(1), Fails(x), Sleep(CAST(0 AS BIGINT))"
          + " FROM t";

  private static final String TABLE =
      "SELECT t.id, s.word, s.length FROM t"
          + " LEFT JOIN LATERAL TABLE(SplitWords(t.name)) AS s(word, length) ON TRUE";

  private static TableEnvironment pasted() throws Exception {
    TableEnvironment env = flink.environment(true, List.of(), Map.of());
    env.executeSql(statement.substring(0, statement.length() - 1)); // as pasted, without ';'
    source(env);
    return env;
  }

  private static TableEnvironment inProcess() throws Exception {
    TableEnvironment env =
        flink.environment(
            true,
            List.of(zip.root().resolve(ShimLayout.UDF_LIB).resolve("flink-sql-udfs-1.0.0.jar")),
            Map.of());
    for (String name :
        List.of(
            "AddOne",
            "Greet",
            "Shift",
            "Backwards",
            "Tally",
            "Older",
            "RandomBelow",
            "Fails",
            "Sleep",
            "SplitWords")) {
      env.executeSql("CREATE TEMPORARY SYSTEM FUNCTION " + name + " AS '" + PACKAGE + name + "'");
    }
    source(env);
    return env;
  }

  @Test
  void thePrintedStatementMakesEveryFunctionOfTheSampleCallableWithTheInProcessRows()
      throws Exception {
    assertThat(statement)
        .contains("'signatures' = '" + zip.root().resolve(ShimLayout.SIGNATURES) + "'")
        .contains(PACKAGE + "AddOne/0=127.0.0.1:")
        .contains(PACKAGE + "Shift/2=127.0.0.1:")
        .contains(PACKAGE + "SplitWords/0=127.0.0.1:");
    assertThat(Files.readString(zip.root().resolve("load-module.sql")).strip())
        .isEqualTo(statement);
    assertThat(all.log()).contains("All 13 signature(s) are served");

    TableEnvironment shim = pasted();
    TableEnvironment local = inProcess();
    List<Row> scalars = FlinkCluster.rows(shim, SCALARS);
    assertThat(scalars)
        .hasSize(ROWS)
        .containsExactlyInAnyOrderElementsOf(FlinkCluster.rows(local, SCALARS));
    Row first = scalars.stream().filter(r -> r.getField(0).equals(1L)).findFirst().orElseThrow();
    assertThat(first.getField(1)).isEqualTo(2L);
    assertThat(first.getField(2)).isEqualTo("Hello, stranger!");
    List<Row> table = FlinkCluster.rows(shim, TABLE);
    assertThat(table).containsExactlyInAnyOrderElementsOf(FlinkCluster.rows(local, TABLE));
    assertThat(table).contains(Row.of(2L, "to", 2), Row.of(1L, null, null));

    // The metrics count the calls made: one per row, and the describe frame each function sent
    // when it opened (a control frame, no row; a server before control frames answers it with an
    // error text).
    String metrics = scrape();
    for (String signature : List.of("AddOne/0", "Greet/0", "Greet/1", "Shift/2", "SplitWords/0")) {
      assertThat(count(metrics, "shim_calls_total", signature)).as(signature).isEqualTo(ROWS + 1);
      assertThat(count(metrics, "shim_rows_total", signature)).as(signature).isEqualTo(ROWS);
      assertThat(count(metrics, "shim_call_duration_seconds_count", signature))
          .as(signature)
          .isEqualTo(ROWS + 1);
      assertThat(count(metrics, "shim_call_errors_total", signature, "error"))
          .as(signature)
          .isLessThanOrEqualTo(1);
      assertThat(count(metrics, "shim_call_errors_total", signature, "overloaded")).isZero();
    }
    assertThat(count(metrics, "shim_calls_in_flight", "AddOne/0")).isZero();
  }

  @Test
  void aFunctionWithoutAnEndpointAndAnEndpointOfAnotherClassEachGetTheirSentence()
      throws Exception {
    String withoutAddOne =
        statement.replaceAll(Pattern.quote(PACKAGE) + "AddOne/0=127\\.0\\.0\\.1:\\d+;", "");
    TableEnvironment env = flink.environment(true, List.of(), Map.of());
    env.executeSql(withoutAddOne.substring(0, withoutAddOne.length() - 1));
    source(env);
    assertThatThrownBy(() -> FlinkCluster.rows(env, "SELECT AddOne(x) FROM t"))
        .satisfies(
            e ->
                assertThat(FlinkCluster.messages(e))
                    .contains(
                        "AddOne ("
                            + PACKAGE
                            + "AddOne) is in 'signatures', but 'endpoints' names no server for"
                            + " it; add "
                            + PACKAGE
                            + "AddOne/0=<host>:<port> to 'endpoints'"));
    // The other functions still work.
    assertThat(FlinkCluster.rows(env, "SELECT Greet(name) FROM t")).hasSize(ROWS);

    String misspelt = statement.replace(PACKAGE + "AddOne/0=", "com.example.AddOne/0=");
    TableEnvironment other = flink.environment(true, List.of(), Map.of());
    assertThatThrownBy(() -> other.executeSql(misspelt.substring(0, misspelt.length() - 1)))
        .satisfies(
            e ->
                assertThat(FlinkCluster.messages(e))
                    .contains(
                        "'endpoints' names com.example.AddOne, which the signatures do not list;"
                            + " did you mean "
                            + PACKAGE
                            + "AddOne?"));
  }

  private static String scrape() throws Exception {
    Matcher matcher = METRICS.matcher(all.awaitLine(l -> METRICS.matcher(l).find(), 10_000));
    assertThat(matcher.find()).isTrue();
    HttpResponse<String> response =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(matcher.group(1))).build(),
                HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    return response.body();
  }

  /** The value of a series of one signature ({@code AddOne/0}). */
  private static long count(String metrics, String name, String signature) {
    return count(metrics, name, signature, null);
  }

  /** The value of a series of one signature, of one error kind (null: no kind label). */
  private static long count(String metrics, String name, String signature, String kind) {
    String function = PACKAGE + signature.substring(0, signature.indexOf('/'));
    String index = signature.substring(signature.indexOf('/') + 1);
    List<String> found = new ArrayList<>();
    for (String line : metrics.split("\n")) {
      if (line.startsWith(name + "{")
          && line.contains("function=\"" + function + "\"")
          && line.contains("signature=\"" + index + "\"")
          && (kind == null || line.contains("kind=\"" + kind + "\""))) {
        found.add(line);
      }
    }
    assertThat(found).as(name + " of " + signature + " in\n" + metrics).hasSize(1);
    String value = found.get(0).substring(found.get(0).lastIndexOf(' ') + 1);
    return (long) Double.parseDouble(value);
  }
}
