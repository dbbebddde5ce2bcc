package dev.udfshim.flink.function;

import java.util.Set;
import org.apache.flink.runtime.util.EnvironmentInformation;

/**
 * Flink's async scalar functions are not exact: the planner's {@code AsyncCodeGenerator} generates
 * the async projection with an expression generator that treats its input as non-nullable, so a
 * NULL argument never reaches {@code eval} (or reaches it as a default such as ''), and it forwards
 * the projection's other fields without their null flags, so their NULLs come out as defaults
 * ({@code -1}, {@code ''}). Measured on 1.20.3 (no SQL async scalar functions there at all), 2.0.1,
 * 2.1.1, 2.2.1 and 2.3.0 ({@code AsyncScalarTrapsIT} runs the traps on the Flink under test).
 *
 * <p>{@link #FIXED_IN} lists the Flink minor versions whose async scalar path is exact; on them
 * {@code scalar.mode} ASYNC is allowed. {@code AsyncScalarTrapsIT} fails when the list and the
 * Flink under test disagree, either way, so the list cannot go stale silently.
 */
public final class AsyncScalarDefect {
  /** Minor versions ("2.4") whose async scalar functions keep NULLs; none so far. */
  static final Set<String> FIXED_IN = Set.of();

  private AsyncScalarDefect() {}

  /** The running Flink's version, e.g. "2.0.1". */
  public static String flinkVersion() {
    return EnvironmentInformation.getVersion();
  }

  /** Whether this Flink version's async scalar functions lose NULLs. */
  public static boolean affects(String version) {
    String[] parts = version.split("\\.", -1);
    String minor = parts.length >= 2 ? parts[0] + "." + parts[1] : version;
    return !FIXED_IN.contains(minor);
  }

  /**
   * Whether SQL's {@code LATERAL TABLE} takes async table functions on this Flink and keeps NULLs:
   * 2.2 and later (streaming mode). Before 2.2 they are not a SQL function kind at all. {@code
   * AsyncScalarTrapsIT} holds this to the Flink under test, as it does the scalar refusal.
   */
  public static boolean asyncTablesExact(String version) {
    String[] parts = version.split("[.-]", -1);
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      return major > 2 || (major == 2 && minor >= 2);
    } catch (NumberFormatException e) {
      return false;
    }
  }

  /** The sentence 'table.mode' = 'ASYNC' is refused with before 2.2. */
  public static String asyncTablesRefusal(String version) {
    return "'table.mode' = 'ASYNC' needs Flink 2.2 or later, where SQL's LATERAL TABLE takes async"
        + " table functions and keeps NULLs; this is Flink "
        + version
        + ": use 'SYNC' (the default, exact) or ShimTables for exact batched calls.";
  }

  /** The sentence 'table.mode' = 'ASYNC' is refused with in a batch job. */
  public static String asyncTablesInBatchMode() {
    return "'table.mode' = 'ASYNC' works in streaming mode only (Flink does not plan async table"
        + " functions in batch jobs); use 'SYNC' for this batch job, or ShimTables.";
  }

  /** The sentence 'scalar.mode' = 'ASYNC' is refused with on an affected version. */
  public static String refusal(String version) {
    return "'scalar.mode' = 'ASYNC' is refused on Flink "
        + version
        + ": its async scalar functions lose NULLs (the planner's AsyncCodeGenerator reads the"
        + " input as non-nullable, so a NULL argument never reaches eval, and forwards the other"
        + " columns without their null flags, so their NULLs come out as -1 or ''); use 'SYNC'"
        + " (the default, exact in SQL), ShimTables for exact batched calls in the Table API, or"
        + " 'ASYNC_UNSAFE_NULLS' if no column of such a query is ever NULL.";
  }

  /** The warning of 'ASYNC_UNSAFE_NULLS', once per job. */
  public static String warning(String version) {
    return "'scalar.mode' = 'ASYNC_UNSAFE_NULLS' on Flink "
        + version
        + ": async scalar functions answer wrong values where an argument or another column of"
        + " the same projection is NULL (Flink's AsyncCodeGenerator); exact only on rows without"
        + " NULLs.";
  }
}
