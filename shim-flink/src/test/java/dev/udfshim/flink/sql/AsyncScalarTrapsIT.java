package dev.udfshim.flink.sql;

import static org.assertj.core.api.Assertions.fail;

import dev.udfshim.flink.function.AsyncScalarDefect;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.api.common.typeinfo.TypeInformation;
import org.apache.flink.api.common.typeinfo.Types;
import org.apache.flink.api.java.typeutils.RowTypeInfo;
import org.apache.flink.streaming.api.environment.StreamExecutionEnvironment;
import org.apache.flink.table.api.bridge.java.StreamTableEnvironment;
import org.apache.flink.table.functions.AsyncScalarFunction;
import org.apache.flink.table.functions.AsyncTableFunction;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Flink's async scalar functions on the Flink under test, with no shim involved: a plain {@link
 * AsyncScalarFunction} over a DataStream-backed table with NULLs, in the two traps of Flink's
 * defect (a NULL passed through beside the call; a NULL argument, given and computed). The outcome
 * must agree with {@link AsyncScalarDefect}: when a Flink version keeps the NULLs, this test says
 * to lift the refusal for it; when a version listed as fixed loses them, it says to take it out.
 *
 * <p>Reproduction for Flink's tracker: the same two queries with this function in any Flink SQL job
 * (docs/flink.md, <i>Flink's async scalar defect</i>).
 */
class AsyncScalarTrapsIT {
  private static MiniFlink flink;

  /** left|right, a NULL written as {@code null}. */
  public static class AsyncConcat extends AsyncScalarFunction {
    public void eval(CompletableFuture<String> result, String left, String right) {
      result.complete(left + "|" + right);
    }
  }

  /**
   * The words of a text, one row each; a NULL text answers one row "null", so a lost NULL shows.
   */
  public static class AsyncWords extends AsyncTableFunction<String> {
    public void eval(CompletableFuture<Collection<String>> result, String text) {
      result.complete(text == null ? List.of("null") : List.of(text.split(" ", -1)));
    }
  }

  @BeforeAll
  static void start() throws Exception {
    flink = MiniFlink.start();
  }

  @AfterAll
  static void stop() throws Exception {
    if (flink != null) {
      flink.close();
    }
  }

  @Test
  void theTrapsAgreeWithTheRefusalList() {
    String version = AsyncScalarDefect.flinkVersion();
    String lost = traps();
    // What this Flink did, for the build log (docs/flink.md quotes it).
    System.out.println(
        "Async scalar traps on Flink " + version + ": " + (lost == null ? "exact" : lost));
    String minor = version.replaceFirst("^(\\d+\\.\\d+).*", "$1");
    if (lost == null && AsyncScalarDefect.affects(version)) {
      fail(
          "Flink "
              + version
              + " keeps NULLs in async scalar functions (both traps pass): lift the refusal for "
              + minor
              + " (add it to AsyncScalarDefect.FIXED_IN).");
    }
    if (lost != null && !AsyncScalarDefect.affects(version)) {
      fail(
          "Flink "
              + version
              + " loses NULLs in async scalar functions ("
              + lost
              + "): take "
              + minor
              + " out of AsyncScalarDefect.FIXED_IN.");
    }
  }

  /**
   * SQL's LATERAL TABLE over a plain async table function, with NULLs passed through and given as
   * the argument: exact where {@link AsyncScalarDefect#asyncTablesExact} says so (2.2+), else
   * refused or wrong, and the module's 'table.mode' = 'ASYNC' gate must agree.
   */
  @Test
  void asyncTableFunctionsAgreeWithTheirVersionGate() {
    String version = AsyncScalarDefect.flinkVersion();
    StreamExecutionEnvironment streams = flink.dataStream(true, Map.of());
    StreamTableEnvironment tables = MiniFlink.tables(streams, true);
    tables.createTemporaryView("t", tables.fromDataStream(streams.fromData(rows(), type())));
    String lost;
    try {
      tables.createTemporarySystemFunction("AsyncWords", AsyncWords.class);
      List<Row> joined =
          MiniFlink.rows(tables, "SELECT id, s, n, w FROM t, LATERAL TABLE(AsyncWords(s)) AS x(w)");
      List<Row> expected = List.of(Row.of(1L, null, null, "null"), Row.of(2L, "b", 7, "b"));
      lost = sameRows(joined, expected) ? null : joined + " for " + expected;
    } catch (Exception e) {
      lost = "the query failed: " + MiniFlink.messages(e).lines().findFirst().orElse("");
    }
    System.out.println(
        "Async table function traps on Flink " + version + ": " + (lost == null ? "exact" : lost));
    if (lost == null && !AsyncScalarDefect.asyncTablesExact(version)) {
      fail(
          "Flink "
              + version
              + " runs async table functions in LATERAL TABLE exactly: let 'table.mode' ASYNC"
              + " through (AsyncScalarDefect.asyncTablesExact).");
    }
    if (lost != null && AsyncScalarDefect.asyncTablesExact(version)) {
      fail(
          "Flink "
              + version
              + " does not run async table functions in LATERAL TABLE exactly ("
              + lost
              + "): refuse 'table.mode' ASYNC there (AsyncScalarDefect.asyncTablesExact).");
    }
  }

  private static List<Row> rows() {
    List<Row> rows = new ArrayList<>();
    rows.add(Row.of(1L, null, null));
    rows.add(Row.of(2L, "b", 7));
    return rows;
  }

  private static TypeInformation<Row> type() {
    return new RowTypeInfo(
        new TypeInformation<?>[] {Types.LONG, Types.STRING, Types.INT},
        new String[] {"id", "s", "n"});
  }

  /** What the traps got wrong on this Flink, or null when both answered exactly. */
  private static String traps() {
    StreamExecutionEnvironment streams = flink.dataStream(true, Map.of());
    StreamTableEnvironment tables = MiniFlink.tables(streams, true);
    tables.createTemporaryView("t", tables.fromDataStream(streams.fromData(rows(), type())));
    tables.createTemporarySystemFunction("AsyncConcat", AsyncConcat.class);
    try {
      List<Row> passThrough = MiniFlink.rows(tables, "SELECT id, s, n, AsyncConcat(s, 'y') FROM t");
      List<Row> expected = List.of(Row.of(1L, null, null, "null|y"), Row.of(2L, "b", 7, "b|y"));
      if (!sameRows(passThrough, expected)) {
        return "a NULL passed through or given as an argument: " + passThrough + " for " + expected;
      }
      List<Row> computed =
          MiniFlink.rows(
              tables,
              "SELECT id, AsyncConcat(CASE WHEN id > 1 THEN CAST(NULL AS STRING) ELSE s END, 'v')"
                  + " FROM t");
      List<Row> expectedComputed = List.of(Row.of(1L, "null|v"), Row.of(2L, "null|v"));
      if (!sameRows(computed, expectedComputed)) {
        return "a computed NULL argument: " + computed + " for " + expectedComputed;
      }
      return null;
    } catch (Exception e) {
      return "the query failed: " + MiniFlink.messages(e).lines().findFirst().orElse("");
    }
  }

  private static boolean sameRows(List<Row> actual, List<Row> expected) {
    return actual.size() == expected.size() && actual.containsAll(expected);
  }
}
