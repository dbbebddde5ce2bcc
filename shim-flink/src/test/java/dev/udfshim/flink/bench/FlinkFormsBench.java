package dev.udfshim.flink.bench;

import static org.apache.flink.table.api.Expressions.$;

import dev.udfshim.flink.ShimFunctions;
import dev.udfshim.flink.ShimTables;
import dev.udfshim.flink.sql.MiniFlink;
import dev.udfshim.flink.sql.RemoteUdfs;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
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
 * <p>A third query, with {@code --queries words}: the table function SplitWords(s) over {@code s}
 * of two words (NULL in 30% of rows), as SQL's {@code LATERAL TABLE} in-process, through
 * ShimTables, through 'table.mode' = 'ASYNC' (Flink 2.2+) and through SYNC.
 *
 * <pre>
 * FlinkFormsBench [--rows 5000000] [--sync-rows 20000] [--rounds 3] [--forms a,b,c,d]
 *                 [--queries x,nulls,words] [--source stream|legacy] [--object-reuse false|true]
 * </pre>
 *
 * <p>{@code --object-reuse true} sets Flink's {@code pipeline.object-reuse} for every form: chained
 * operators then hand rows on without copying them (ShimTables' operator copies the rows it keeps).
 */
public final class FlinkFormsBench {
  private FlinkFormsBench() {}

  /** The queries: AddOne(x) over x alone, over x and s with NULLs, and SplitWords(s). */
  private enum Query {
    X("x only"),
    NULLS("x, s with NULLs"),
    WORDS("SplitWords(s) with NULLs");

    final String title;

    Query(String title) {
      this.title = title;
    }

    boolean nulls() {
      return this != X;
    }

    /** The in-process and module SQL of the query. */
    String sql() {
      return switch (this) {
        case X -> "INSERT INTO sink SELECT x, AddOne(x) FROM numbers";
        case NULLS -> "INSERT INTO sink SELECT x, s, AddOne(x) FROM numbers";
        case WORDS ->
            "INSERT INTO sink SELECT x, s, w.word, w.length FROM numbers,"
                + " LATERAL TABLE(SplitWords(s)) AS w(word, length)";
      };
    }
  }

  private record Form(String name, long rows, Set<Query> queries, Runner runner) {}

  @FunctionalInterface
  private interface Runner {
    /** Runs the job to its end. */
    TableResult run(Query query) throws Exception;
  }

  public static void main(String[] args) throws Exception {
    long rows = 5_000_000;
    long syncRows = 20_000;
    int rounds = 3;
    String only = "in-process,ShimTables,ASYNC_UNSAFE_NULLS,table.mode-ASYNC,SYNC";
    String queryNames = "x,nulls";
    boolean legacySource = false;
    boolean objectReuse = false;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--rows" -> rows = Long.parseLong(args[i + 1]);
        case "--sync-rows" -> syncRows = Long.parseLong(args[i + 1]);
        case "--rounds" -> rounds = Integer.parseInt(args[i + 1]);
        case "--forms" -> only = args[i + 1];
        case "--queries" -> queryNames = args[i + 1];
        case "--source" -> legacySource = args[i + 1].equals("legacy");
        case "--object-reuse" -> objectReuse = Boolean.parseBoolean(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    List<Query> queries = new ArrayList<>();
    for (String name : queryNames.split(",")) {
      queries.add(Query.valueOf(name.strip().toUpperCase(Locale.ROOT)));
    }
    Path dir = Files.createTempDirectory("flink-forms-bench");
    RemoteUdfs udfs = RemoteUdfs.prepare(dir);
    try (MiniFlink flink = MiniFlink.start();
        RemoteUdfs.Servers servers = udfs.serve(List.of("AddOne/0", "SplitWords/0"), Map.of())) {
      List<Form> forms = new ArrayList<>();
      long all = rows;
      boolean legacy = legacySource;
      Map<String, String> base =
          objectReuse ? Map.of("pipeline.object-reuse", "true") : Map.<String, String>of();
      Set<Query> every = EnumSet.allOf(Query.class);
      Set<Query> scalar = EnumSet.of(Query.X, Query.NULLS);
      forms.add(
          new Form(
              "in-process",
              rows,
              every,
              query -> {
                StreamTableEnvironment env = environment(flink, base, all, query, legacy);
                RemoteUdfs.registerInProcess(env);
                return finished(env.executeSql(query.sql()));
              }));
      forms.add(
          new Form(
              "ShimTables",
              rows,
              every,
              query -> {
                StreamTableEnvironment env = environment(flink, base, all, query, legacy);
                ShimFunctions.Builder functions =
                    ShimFunctions.builder().signatures(udfs.signatures());
                for (String name : List.of("AddOne", "SplitWords")) {
                  functions.endpoint(
                      RemoteUdfs.PACKAGE + name, 0, "127.0.0.1:" + servers.port(name + "/0"));
                }
                ShimTables shim = ShimTables.of(functions.build());
                Table input = env.from("numbers");
                Table called =
                    switch (query) {
                      case X -> shim.call(env, input.select($("x")), "AddOne", "x");
                      case NULLS -> shim.call(env, input.select($("x"), $("s")), "AddOne", "x");
                      case WORDS -> shim.call(env, input.select($("x"), $("s")), "SplitWords", "s");
                    };
                return finished(called.executeInsert("sink"));
              }));
      forms.add(
          new Form(
              "ASYNC_UNSAFE_NULLS",
              rows,
              scalar,
              throughModule(
                  flink,
                  with(
                      base,
                      Map.of(
                          "table.exec.async-scalar.buffer-capacity", "4000",
                          "table.exec.async-scalar.retry-strategy", "NO_RETRY",
                          "table.exec.async-scalar.timeout", "0 s")),
                  all,
                  legacy,
                  servers.loadModule(
                      Map.of(
                          "scalar.mode", "ASYNC_UNSAFE_NULLS",
                          "batch.size", "1000",
                          "batch.max-wait", "50 ms")))));
      // Flink 2.2+ only (the module refuses it before), with the two options the module's
      // warnings name: with Flink's defaults (retry of every row that emits nothing, 10 rows
      // waiting) 200,000 rows did not finish in 150 s.
      forms.add(
          new Form(
              "table.mode-ASYNC",
              rows,
              EnumSet.of(Query.WORDS),
              throughModule(
                  flink,
                  with(
                      base,
                      Map.of(
                          "table.exec.async-table.retry-strategy", "NO_RETRY",
                          "table.exec.async-table.max-concurrent-operations", "2000")),
                  all,
                  legacy,
                  servers.loadModule(Map.of("table.mode", "ASYNC")))));
      forms.add(
          new Form(
              "SYNC",
              syncRows,
              every,
              throughModule(flink, base, syncRows, legacy, servers.loadModule(Map.of()))));
      List<String> chosen = List.of(only.split(","));
      forms.removeIf(f -> !chosen.contains(f.name()));
      for (Query query : queries) {
        List<Form> applicable = forms.stream().filter(f -> f.queries().contains(query)).toList();
        Map<String, List<Double>> results = new LinkedHashMap<>();
        for (Form form : applicable) {
          form.runner().run(query); // warm-up: JIT, connections; not measured
        }
        for (int round = 1; round <= rounds; round++) {
          for (Form form : applicable) {
            long start = System.nanoTime();
            TableResult result = form.runner().run(query);
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
                query.title, round, form.name(), form.rows(), seconds, wall, rate);
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
              query.title,
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

  /**
   * The query in SQL through the shim module, loaded with the statement, on these Flink options.
   */
  private static Runner throughModule(
      MiniFlink flink,
      Map<String, String> flinkOptions,
      long rows,
      boolean legacy,
      String loadModule) {
    return query -> {
      StreamTableEnvironment env = environment(flink, flinkOptions, rows, query, legacy);
      env.executeSql(loadModule);
      return finished(env.executeSql(query.sql()));
    };
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

  /**
   * A table environment over a DataStream environment with the view {@code numbers} ({@code x
   * BIGINT, s STRING}) of {@code rows} generated rows and a blackhole {@code sink} of the query's
   * columns: from a FLIP-27 DataGeneratorSource (chainable to what follows, as Kafka or files are),
   * or with {@code legacy} from SQL's datagen connector (a legacy SourceFunction).
   */
  private static StreamTableEnvironment environment(
      MiniFlink flink, Map<String, String> options, long rows, Query query, boolean legacy) {
    StreamExecutionEnvironment streams = flink.dataStream(true, options);
    StreamTableEnvironment env = MiniFlink.tables(streams, true);
    boolean nulls = query.nulls();
    boolean words = query == Query.WORDS;
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
                  nulls && i % 10 < 3
                      ? null
                      : words ? "w" + i % 1000 + " v" + i % 7 : "s" + i % 1000);
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
    String columns =
        switch (query) {
          case X -> "x BIGINT, y BIGINT";
          case NULLS -> "x BIGINT, s STRING, y BIGINT";
          case WORDS -> "x BIGINT, s STRING, word STRING, length INT";
        };
    env.executeSql(
        "CREATE TEMPORARY TABLE sink (" + columns + ") WITH ('connector' = 'blackhole')");
    return env;
  }

  private static double median(List<Double> values) {
    List<Double> sorted = values.stream().sorted().toList();
    int n = sorted.size();
    return n % 2 == 1 ? sorted.get(n / 2) : (sorted.get(n / 2 - 1) + sorted.get(n / 2)) / 2;
  }
}
