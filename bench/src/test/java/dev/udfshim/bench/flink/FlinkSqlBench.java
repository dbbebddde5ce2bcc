package dev.udfshim.bench.flink;

import dev.udfshim.it.FlinkSqlSample;
import dev.udfshim.it.ShimServers;
import dev.udfshim.protocol.framing.Framing;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.TableEnvironment;

/**
 * A Flink SQL query over N generated rows with AddOne, in three forms, each a real job on one
 * MiniCluster: the UDF in-process, remote with one row per call (the module's SYNC mode against a
 * one-row server), and remote batched (ASYNC with 'batch.enabled' against a server started with
 * shim.execution.batch). Servers are started from the sample's shim zip, as the ITs do. The forms
 * run in turn (A B C A B C ...), and each run reports rows/s over the job's wall time.
 *
 * <pre>
 * FlinkSqlBench --projects it/target/it [--rows 10000000] [--one-row-rows 200000] [--rounds 3]
 *               [--batch-size 1000] [--in-flight 4] [--server-parallelism 1]
 * </pre>
 */
public final class FlinkSqlBench {
  private FlinkSqlBench() {}

  public static void main(String[] args) throws Exception {
    long rows = 10_000_000;
    long oneRowRows = 200_000;
    int rounds = 3;
    int batchSize = 1000;
    int inFlight = 4;
    int serverParallelism = 1;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--projects" -> System.setProperty("shim.it.projects", args[i + 1]);
        case "--rows" -> rows = Long.parseLong(args[i + 1]);
        case "--one-row-rows" -> oneRowRows = Long.parseLong(args[i + 1]);
        case "--rounds" -> rounds = Math.min(10, Integer.parseInt(args[i + 1]));
        case "--batch-size" -> batchSize = Integer.parseInt(args[i + 1]);
        case "--in-flight" -> inFlight = Integer.parseInt(args[i + 1]);
        case "--server-parallelism" -> serverParallelism = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (System.getProperty("shim.it.projects") == null) {
      throw new IllegalArgumentException(
          "--projects is required: the folder the invoker built the sample projects in"
              + " (it/target/it after `mvn verify` of it/)");
    }
    Path dir = Files.createTempDirectory("flink-sql-bench");
    try (FlinkSqlSample sample = FlinkSqlSample.start(dir, List.of("AddOne/0"), Map.of())) {
      ShimServers batched =
          sample.serve(
              List.of("AddOne/0"),
              Map.of(
                  Framing.BATCH_VAR,
                  "true",
                  Framing.BATCH_MAX_ROWS_VAR,
                  String.valueOf(batchSize),
                  "confluent.remote-udf.adapter.parallelism",
                  String.valueOf(serverParallelism)));
      Map<String, TableEnvironment> forms = new LinkedHashMap<>();
      Map<String, Long> sizes = new LinkedHashMap<>();
      forms.put("in-process", sample.inProcess(true));
      sizes.put("in-process", rows);
      forms.put("remote, one row per call", sample.shim(true, Map.of(), Map.of()));
      sizes.put("remote, one row per call", oneRowRows);
      forms.put(
          "remote, batched",
          sample.shim(
              batched,
              true,
              Map.of(
                  "table.exec.async-scalar.buffer-capacity",
                  String.valueOf(batchSize * inFlight),
                  "table.exec.async-scalar.retry-strategy",
                  "NO_RETRY",
                  // No per-row timeout timer in Flink's operator: each call has its deadline.
                  "table.exec.async-scalar.timeout",
                  "0 s"),
              Map.of(
                  "scalar.mode", "ASYNC",
                  "batch.enabled", "true",
                  "batch.size", String.valueOf(batchSize),
                  "async.max-in-flight", String.valueOf(inFlight),
                  "batch.max-wait", "50 ms")));
      sizes.put("remote, batched", rows);
      for (Map.Entry<String, TableEnvironment> form : forms.entrySet()) {
        prepare(form.getValue(), sizes.get(form.getKey()));
      }
      // Warm-up: one small job per form (JIT, connections), not measured.
      for (TableEnvironment env : forms.values()) {
        env.executeSql("INSERT INTO sink SELECT AddOne(x) FROM warmup").await();
      }
      Map<String, List<Double>> results = new LinkedHashMap<>();
      for (int round = 1; round <= rounds; round++) {
        for (Map.Entry<String, TableEnvironment> form : forms.entrySet()) {
          long count = sizes.get(form.getKey());
          long start = System.nanoTime();
          form.getValue().executeSql("INSERT INTO sink SELECT AddOne(x) FROM numbers").await();
          double seconds = (System.nanoTime() - start) / 1e9;
          double rate = count / seconds;
          results.computeIfAbsent(form.getKey(), k -> new ArrayList<>()).add(rate);
          System.out.printf(
              "round %d  %-26s rows=%d seconds=%.2f rows/s=%.0f%n",
              round, form.getKey(), count, seconds, rate);
        }
      }
      double inProcess = median(results.get("in-process"));
      for (Map.Entry<String, List<Double>> form : results.entrySet()) {
        List<Double> rates = form.getValue();
        System.out.printf(
            "%-26s median rows/s=%.0f (min %.0f, max %.0f) ratio to in-process=%.3f%n",
            form.getKey(),
            median(rates),
            rates.stream().mapToDouble(Double::doubleValue).min().orElse(0),
            rates.stream().mapToDouble(Double::doubleValue).max().orElse(0),
            median(rates) / inProcess);
      }
    }
  }

  private static void prepare(TableEnvironment env, long rows) {
    env.executeSql(generated("numbers", rows));
    env.executeSql(generated("warmup", Math.min(rows, 20_000)));
    env.executeSql("CREATE TEMPORARY TABLE sink (y BIGINT) WITH ('connector' = 'blackhole')");
  }

  private static String generated(String name, long rows) {
    return "CREATE TEMPORARY TABLE "
        + name
        + " (x BIGINT) WITH ('connector' = 'datagen', 'fields.x.kind' = 'sequence',"
        + " 'fields.x.start' = '1', 'fields.x.end' = '"
        + rows
        + "', 'rows-per-second' = '1000000000')";
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
