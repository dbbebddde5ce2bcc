package dev.udfshim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import dev.udfshim.protocol.layout.ShimLayout;
import java.net.ServerSocket;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.flink.api.common.JobID;
import org.apache.flink.api.common.JobStatus;
import org.apache.flink.core.execution.JobClient;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.types.Row;
import org.apache.flink.util.CloseableIterator;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Three servers of one signature behind one endpoint entry ({@code host:p1,host:p2,host:p3}): calls
 * are spread over all three, and a query keeps running with exactly the in-process rows, none lost
 * or doubled, when one server is killed (SIGKILL) in the middle of it, and through a rolling
 * restart (each server in turn SIGTERM, then started again on its port).
 */
class FleetIT {
  private static final String ADD_ONE = FlinkSqlSample.PACKAGE + "AddOne";
  private static final Pattern METRICS = Pattern.compile("on (http://\\S+/metrics)");

  @TempDir static Path unpacked;
  private static ShimZip zip;
  private static FlinkCluster flink;

  @BeforeAll
  static void start() throws Exception {
    zip = ShimZip.unpack("udf-project-flink-sql", "flink-sql-udfs-1.0.0-shim.zip", unpacked);
    flink = FlinkCluster.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (flink != null) {
      flink.close();
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  /** {@code bin/shim serve} of AddOne/0 on the port, with its metrics on a free port. */
  private static ShimProcess serve(int port) throws Exception {
    List<String> command = new ArrayList<>();
    command.add(zip.root().resolve(ShimLayout.LAUNCHER).toString());
    command.addAll(ShimProcess.serveArguments("execution", zip.spec(ADD_ONE, 0), port));
    command.addAll(List.of("--metrics-port", "0"));
    return ShimProcess.start(command);
  }

  /** The calls a server took, from its metrics. */
  private static long calls(ShimProcess server) throws Exception {
    Matcher matcher = METRICS.matcher(server.awaitLine(l -> METRICS.matcher(l).find(), 10_000));
    assertThat(matcher.find()).isTrue();
    String body =
        HttpClient.newHttpClient()
            .send(
                HttpRequest.newBuilder(URI.create(matcher.group(1))).build(),
                HttpResponse.BodyHandlers.ofString())
            .body();
    for (String line : body.split("\n")) {
      if (line.startsWith("shim_calls_total{")) {
        return (long) Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1));
      }
    }
    throw new AssertionError("no shim_calls_total in\n" + body);
  }

  /** ids 1 to rows at the rate, x NULL for every 7th: a real source with NULLs. */
  private static TableEnvironment environment(boolean shim, int[] ports, int rows, int rate)
      throws Exception {
    TableEnvironment env;
    if (shim) {
      env = flink.environment(true, List.of(), Map.of());
      List<String> addresses = new ArrayList<>();
      for (int port : ports) {
        addresses.add("127.0.0.1:" + port);
      }
      env.executeSql(
          "LOAD MODULE shim WITH ('signatures' = '"
              + zip.root().resolve(ShimLayout.SIGNATURES)
              + "', 'endpoints' = '"
              + ADD_ONE
              + "/0="
              + String.join(",", addresses)
              + "')");
    } else {
      env =
          flink.environment(
              true,
              List.of(zip.root().resolve(ShimLayout.UDF_LIB).resolve("flink-sql-udfs-1.0.0.jar")),
              Map.of());
      env.executeSql("CREATE TEMPORARY SYSTEM FUNCTION AddOne AS '" + ADD_ONE + "'");
    }
    env.executeSql(
        "CREATE TEMPORARY TABLE src (id BIGINT) WITH ('connector' = 'datagen',"
            + " 'fields.id.kind' = 'sequence', 'fields.id.start' = '1', 'fields.id.end' = '"
            + rows
            + "', 'rows-per-second' = '"
            + rate
            + "')");
    env.executeSql(
        "CREATE TEMPORARY VIEW t AS SELECT id,"
            + " CASE WHEN MOD(id, 7) = 0 THEN CAST(NULL AS BIGINT) ELSE id END AS x FROM src");
    return env;
  }

  private static final String QUERY = "SELECT id, AddOne(x) FROM t";

  /**
   * Reads the query's rows; after {@code after} of them, runs the disruption once, then checks that
   * the query was still running when it ended (so it did happen mid-query) and reads how many
   * attempts the client sent again. Prints the figures docs/reliability.md reports.
   */
  private static List<Row> rowsWhile(
      String name, TableEnvironment env, int after, Disruption disruption) throws Exception {
    List<Row> rows = new ArrayList<>();
    long start = System.nanoTime();
    TableResult query = env.executeSql(QUERY);
    JobClient client = query.getJobClient().orElseThrow();
    JobID job = client.getJobID();
    long disrupted = 0;
    long disruptionMillis = 0;
    double retries = Double.NaN;
    try (CloseableIterator<Row> result = query.collect()) {
      while (result.hasNext()) {
        rows.add(result.next());
        if (rows.size() == after) {
          disrupted = System.nanoTime();
          disruption.run(job);
          disruptionMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - disrupted);
          // Calls cut or refused are sent again at once; give them a moment to be counted.
          Thread.sleep(1000);
          retries = flinkMetric(job, "retries", 0);
          assertThat(client.getJobStatus().get(10, TimeUnit.SECONDS))
              .as("the query still ran when the disruption had ended")
              .isEqualTo(JobStatus.RUNNING);
        }
      }
    }
    System.out.printf(
        Locale.ROOT,
        "FleetIT figures: %s: %d rows in %.1f s, disruption after %.1f s took %.1f s,"
            + " %.0f attempt(s) sent again%n",
        name,
        rows.size(),
        (System.nanoTime() - start) / 1e9,
        (disrupted - start) / 1e9,
        disruptionMillis / 1e3,
        retries);
    return rows;
  }

  private interface Disruption {
    void run(JobID job) throws Exception;
  }

  /**
   * A metric the shim client registered in the running job's Flink metric group ({@code
   * shim.<class>.<n>.<name>}), read through Flink's REST API; waits until it is at least {@code
   * least}.
   */
  private static double flinkMetric(JobID job, String name, double least) throws Exception {
    // Flink's metric query service writes the dots of a group's name as underscores.
    String suffix = ".shim." + ADD_ONE.replace('.', '_') + ".0." + name;
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    double value = Double.NaN;
    List<String> seen = new ArrayList<>();
    do {
      seen.clear();
      JsonObject detail = JsonParser.parseString(flink.rest("/jobs/" + job)).getAsJsonObject();
      for (JsonElement vertex : detail.getAsJsonArray("vertices")) {
        String base =
            "/jobs/" + job + "/vertices/" + vertex.getAsJsonObject().get("id").getAsString();
        for (JsonElement metric :
            JsonParser.parseString(flink.rest(base + "/metrics")).getAsJsonArray()) {
          String id = metric.getAsJsonObject().get("id").getAsString();
          seen.add(id);
          if (id.endsWith(suffix)) {
            JsonArray values =
                JsonParser.parseString(
                        flink.rest(
                            base + "/metrics?get=" + URLEncoder.encode(id, StandardCharsets.UTF_8)))
                    .getAsJsonArray();
            value = Double.parseDouble(values.get(0).getAsJsonObject().get("value").getAsString());
          }
        }
      }
      if (value >= least) {
        return value;
      }
      Thread.sleep(200);
    } while (System.nanoTime() < until);
    throw new AssertionError(
        "the job's metric ..." + suffix + " is " + value + ", not " + least + "; it has " + seen);
  }

  @Test
  void killingOneOfThreeServersMidQueryLosesAndDoublesNoRow() throws Exception {
    int rows = 3000;
    int[] ports = {freePort(), freePort(), freePort()};
    List<ShimProcess> servers = new ArrayList<>();
    try {
      for (int port : ports) {
        servers.add(serve(port));
      }
      List<Row> expected = FlinkCluster.rows(environment(false, ports, rows, 100_000), QUERY);
      List<Row> actual =
          rowsWhile(
              "SIGKILL of one of three",
              environment(true, ports, rows, 200),
              600,
              job -> {
                for (ShimProcess server : servers) {
                  assertThat(calls(server)).as("round robin reached every server").isPositive();
                }
                // The client's own counters, in Flink's metric group of the running task.
                assertThat(flinkMetric(job, "calls", 600)).isGreaterThanOrEqualTo(600);
                assertThat(flinkMetric(job, "rows", 600)).isGreaterThanOrEqualTo(600);
                // At most the describe frame's, which a server before control frames answers with
                // an error text; no call of a row failed.
                assertThat(flinkMetric(job, "errors", 0)).isLessThanOrEqualTo(1);
                servers.get(1).process().destroyForcibly(); // SIGKILL
              });
      assertThat(actual).hasSize(rows).containsExactlyInAnyOrderElementsOf(expected);
      assertThat(servers.get(1).process().isAlive()).isFalse();
      assertThat(calls(servers.get(0)) + calls(servers.get(2))).isGreaterThan(rows / 2);
    } finally {
      servers.forEach(ShimProcess::close);
    }
  }

  @Test
  void aRollingRestartMidQueryLosesAndDoublesNoRow() throws Exception {
    int rows = 6000;
    int[] ports = {freePort(), freePort(), freePort()};
    List<ShimProcess> servers = new ArrayList<>();
    try {
      for (int port : ports) {
        servers.add(serve(port));
      }
      List<Row> expected = FlinkCluster.rows(environment(false, ports, rows, 100_000), QUERY);
      List<Row> actual =
          rowsWhile(
              "rolling restart of three",
              environment(true, ports, rows, 300),
              300,
              job -> {
                for (int i = 0; i < servers.size(); i++) {
                  ShimProcess old = servers.get(i);
                  old.terminate(); // SIGTERM: drains
                  assertThat(old.awaitExit(40_000)).as("drained cleanly").isZero();
                  ShimProcess restarted = serve(ports[i]);
                  servers.set(i, restarted);
                  restarted.awaitLine(l -> l.contains("Health: SERVING"), 30_000);
                }
              });
      assertThat(actual).hasSize(rows).containsExactlyInAnyOrderElementsOf(expected);
      long after = 0;
      for (ShimProcess server : servers) {
        after += calls(server);
      }
      assertThat(after).as("the restarted servers took calls").isPositive();
    } finally {
      servers.forEach(ShimProcess::close);
    }
  }
}
