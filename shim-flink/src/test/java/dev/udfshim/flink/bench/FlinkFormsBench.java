package dev.udfshim.flink.bench;

import static org.apache.flink.table.api.Expressions.$;

import dev.udfshim.flink.ShimFunctions;
import dev.udfshim.flink.ShimTables;
import dev.udfshim.flink.sql.MiniFlink;
import dev.udfshim.flink.sql.RemoteUdfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.flink.api.common.eventtime.WatermarkStrategy;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.connector.datagen.source.DataGeneratorSource;
import org.apache.flink.connector.datagen.source.GeneratorFunction;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.Table;
import org.apache.flink.table.api.TableResult;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.types.Row;

/**
 * The Flink client's forms against the UDF in-process, each a real job on one MiniCluster over
 * datagen into a blackhole (streaming, parallelism 1), AddOne(x) = x + 1 served by a real {@code
 * serve} process of the runtime this reactor built. Two queries: {@code x} only, and {@code x, s}
 * with NULLs in both (10% of x, 30% of s). Forms, in turn each round (A B C D ...):
 *
 * <ul>
 *   <li>in-process: the UDF class registered in SQL;
 *   <li>ShimTables: the exact batched Table API form (our operator), no option set;
 *   <li>ASYNC_UNSAFE_NULLS: Flink's async scalar operator (a future and a mail per row) over the
 *       same batches, with Flink's options set for it (not exact with NULLs: rows without NULLs);
 *   <li>SYNC: one blocking call per row (fewer rows: it is hundreds of times slower).
 * </ul>
 *
 * <pre>
 * FlinkFormsBench [--rows 5000000] [--sync-rows 20000] [--rounds 3] [--forms a,b,c,d]
 *                 [--source stream|legacy] [--object-reuse false|true]
 * </pre>
 *
 * <p>{@code --object-reuse true} sets Flink's {@code pipeline.object-reuse} for every form: chained
 * operators then hand rows on without copying them (ShimTables' operator copies the rows it keeps).
 */
public final class FlinkFormsBench {
  private FlinkFormsBench() {}

  private record Form(String name, long rows, Runner runner) {}

  @FunctionalInterface
  private interface Runner {
    /** Runs the job to its end. */
    TableResult run(boolean nulls) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    long rows = 5_000_000;
    long syncRows = 20_000;
    int rounds = 3;
    String only = "in-process,ShimTables,ASYNC_UNSAFE_NULLS,SYNC";
    boolean legacySource = false;
    boolean objectReuse = false;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--rows" -> rows = Long.parseLong(args[i + 1]);
        case "--sync-rows" -> syncRows = Long.parseLong(args[i + 1]);
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        case "--forms" -> only = args[i + 1];
        case "--source" -> legacySource = args[i + 1].equals("legacy");
        case "--object-reuse" -> objectReuse = Boolean.parseBoolean(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    Path dir = Files.createTempDirectory("flink-forms-bench");
    RemoteUdfs udfs = RemoteUdfs.prepare(dir);
    try (MiniFlink flink = MiniFlink.start();
        RemoteUdfs.Servers servers = udfs.serve(List.of("AddOne/0"), Map.of())) {
      String endpoint = "127.0.0.1:" + servers.port("AddOne/0");
      List<Form> forms = new ArrayList<>();
      long all = rows;
      boolean legacy = legacySource;
      Map<String, String> base =
          objectReuse ? Map.of("pipeline.object-reuse", "true") : Map.<String, String>of();
      forms.add(
          new Form(
              "in-process",
              rows,
              nulls -> {
                StreamTableEnvironment env = environment(flink, base, all, nulls, legacy);
                RemoteUdfs.registerInProcess(env);
                return finished(
                    env.executeSql(
                        "INSERT INTO sink SELECT " + columns(nulls) + ", AddOne(x) FROM numbers"));
              }));
      forms.add(
          new Form(
              "ShimTables",
              rows,
              nulls -> {
                StreamTableEnvironment env = environment(flink, base, all, nulls, legacy);
                ShimTables shim =
                    ShimTables.of(
                        ShimFunctions.builder()
                            .signatures(udfs.signatures())
                            .endpoint(RemoteUdfs.PACKAGE + "AddOne", 0, endpoint)
                            .build());
                Table input = env.from("numbers");
                Table called =
                    nulls
                        ? shim.call(env, input.select($("x"), $("s")), "AddOne", "x")
                        : shim.call(env, input.select($("x")), "AddOne", "x");
                return finished(called.executeInsert("sink"));
              }));
      forms.add(
          new Form(
              "ASYNC_UNSAFE_NULLS",
              rows,
              nulls -> {
                StreamTableEnvironment env =
                    environment(
                        flink,
                        with(
                            base,
                            Map.of(
                                "table.exec.async-scalar.buffer-capacity", "4000",
                                "table.exec.async-scalar.retry-strategy", "NO_RETRY",
                                "table.exec.async-scalar.timeout", "0 s")),
                        all,
                        nulls,
                        legacy);
                env.executeSql(
                    servers.loadModule(
                        Map.of(
                            "scalar.mode", "ASYNC_UNSAFE_NULLS",
                            "batch.size", "1000",
                            "batch.max-wait", "50 ms")));
                return finished(
                    env.executeSql(
                        "INSERT INTO sink SELECT " + columns(nulls) + ", AddOne(x) FROM numbers"));
              }));
      long sync = syncRows;
      forms.add(
          new Form(
              "SYNC",
              syncRows,
              nulls -> {
                StreamTableEnvironment env = environment(flink, base, sync, nulls, legacy);
                env.executeSql(servers.loadModule(Map.of()));
                return finished(
                    env.executeSql(
                        "INSERT INTO sink SELECT " + columns(nulls) + ", AddOne(x) FROM numbers"));
              }));
      List<String> chosen = List.of(only.split(","));
      forms.removeIf(f -> !chosen.contains(f.name()));
      for (boolean nulls : new boolean[] {false, true}) {
        Map<String, List<Double>> results = new LinkedHashMap<>();
        for (Form form : forms) {
          form.runner().run(nulls); // warm-up: JIT, connections; not measured
        }
        for (int round = 1; round <= rounds; round++) {
          for (Form form : forms) {
            long start = System.nanoTime();
            TableResult result = form.runner().run(nulls);
            double wall = (System.nanoTime() - start) / 1e9;
            // The job's own run time, as its JobMaster measured it: the end of a job is seen by
            // polling, which put the wall-clock times on steps of about 2 s.
            double seconds =
                result.getJobClient().orElseThrow().getJobExecutionResult().get().getNetRuntime()
                    / 1e3;
            double rate = form.rows() / seconds;
            results.computeIfAbsent(form.name(), k -> new ArrayList<>()).add(rate);
            System.out.printf(
                "%s round %d  %-20s rows=%d seconds=%.3f (wall %.2f) rows/s=%.0f%n",
                nulls ? "x, s with NULLs" : "x only",
                round,
                form.name(),
                form.rows(),
                seconds,
                wall,
                rate);
          }
        }
        List<Double> inProcess = results.get("in-process");
        for (Map.Entry<String, List<Double>> form : results.entrySet()) {
          List<Double> rates = form.getValue();
          StringBuilder ratios = new StringBuilder();
          for (int i = 0; inProcess != null && i < rates.size(); i++) {
            ratios.append(
                String.format("%s%.3f", i == 0 ? "" : " · ", rates.get(i) / inProcess.get(i)));
          }
          System.out.printf(
              "%s: %-20s median rows/s=%.0f (min %.0f, max %.0f) ratio per round=%s median ratio=%.3f%n",
              nulls ? "x, s with NULLs" : "x only",
              form.getKey(),
              median(rates),
              rates.stream().mapToDouble(Double::doubleValue).min().orElse(0),
              rates.stream().mapToDouble(Double::doubleValue).max().orElse(0),
              ratios,
              inProcess == null ? Double.NaN : median(ratiosOf(rates, inProcess)));
        }
      }
    }
  }

  private static TableResult finished(TableResult result) throws Exception {
    result.await();
    return result;
  }

  private static List<Double> ratiosOf(List<Double> rates, List<Double> base) {
    List<Double> ratios = new ArrayList<>();
    for (int i = 0; i < rates.size(); i++) {
      ratios.add(rates.get(i) / base.get(i));
    }
    return ratios;
  }

  private static Map<String, String> with(Map<String, String> base, Map<String, String> more) {
    Map<String, String> all = new LinkedHashMap<>(base);
    all.putAll(more);
    return all;
  }

  private static String columns(boolean nulls) {
    return nulls ? "x, s" : "x";
  }

  /**
   * A table environment over a DataStream environment with the view {@code numbers} ({@code x
   * BIGINT, s STRING}) of {@code rows} generated rows and a blackhole {@code sink}: from a FLIP-27
   * DataGeneratorSource (chainable to what follows, as Kafka or files are), or with {@code legacy}
   * from SQL's datagen connector (a legacy SourceFunction).
   */
  private static StreamTableEnvironment environment(
      MiniFlink flink, Map<String, String> options, long rows, boolean nulls, boolean legacy) {
    StreamExecutionEnvironment streams = flink.dataStream(true, options);
    StreamTableEnvironment env = MiniFlink.tables(streams, true);
    if (legacy) {
      env.executeSql(
          "CREATE TEMPORARY TABLE numbers (x BIGINT, s STRING) WITH ('connector' = 'datagen',"
              + " 'number-of-rows' = '"
              + rows
              + "', 'rows-per-second' = '1000000000', 'fields.x.kind' = 'random',"
              + " 'fields.x.min' = '1', 'fields.x.max' = '1000000000', 'fields.s.length' = '8'"
              + (nulls ? ", 'fields.x.null-rate' = '0.1', 'fields.s.null-rate' = '0.3'" : "")
              + ")");
    } else {
      GeneratorFunction<Long, Row> generate =
          i ->
              Row.of(
                  nulls && i % 10 == 0 ? null : i * 7919 % 1_000_000_000L + 1,
                  nulls && i % 10 < 3 ? null : "s" + i % 1000);
      DataGeneratorSource<Row> source =
          new DataGeneratorSource<>(
              generate,
              rows,
              new RowTypeInfo(
                  new TypeInformation<?>[] {Types.LONG, Types.STRING}, new String[] {"x", "s"}));
      env.createTemporaryView(
          "numbers",
          env.fromDataStream(
              streams.fromSource(source, WatermarkStrategy.noWatermarks(), "numbers")));
    }
    env.executeSql(
        "CREATE TEMPORARY TABLE sink ("
            + (nulls ? "x BIGINT, s STRING" : "x BIGINT")
            + ", y BIGINT) WITH ('connector' = 'blackhole')");
    return env;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
