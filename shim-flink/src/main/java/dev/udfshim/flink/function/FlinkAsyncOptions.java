package dev.udfshim.flink.function;

import static org.apache.flink.configuration.ConfigOptions.key;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.ReadableConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Flink's options of its async scalar operator, read by key so that one jar reads them on every
 * Flink: the capacity is {@code table.exec.async-scalar.buffer-capacity} on 1.20 to 2.1 and {@code
 * table.exec.async-scalar.max-concurrent-operations} on 2.2 and later (where the old key is a
 * deprecated fallback); Flink's constants for them exist on some versions only. The function cannot
 * set them (they are the job's), so it checks them and says which key to set.
 */
final class FlinkAsyncOptions {
  private static final Logger LOG = LoggerFactory.getLogger(FlinkAsyncOptions.class);

  static final String OLD_CAPACITY = "table.exec.async-scalar.buffer-capacity";
  static final String NEW_CAPACITY = "table.exec.async-scalar.max-concurrent-operations";

  private static final ConfigOption<Integer> CAPACITY =
      key(NEW_CAPACITY).intType().defaultValue(10).withFallbackKeys(OLD_CAPACITY);

  /** 2.2 and later; a guess of its default is only a bound for closing stalled batches early. */
  private static final ConfigOption<Integer> TABLE_CAPACITY =
      key("table.exec.async-table.max-concurrent-operations").intType().defaultValue(10);

  /** 2.2 and later: FIXED_DELAY (the default) also retries every row that emitted no rows. */
  static final String TABLE_RETRY_KEY = "table.exec.async-table.retry-strategy";

  private static final ConfigOption<String> TABLE_RETRY =
      key(TABLE_RETRY_KEY).stringType().defaultValue("FIXED_DELAY");

  private static final ConfigOption<Duration> TIMEOUT =
      key("table.exec.async-scalar.timeout").durationType().defaultValue(Duration.ofMinutes(3));

  private FlinkAsyncOptions() {}

  /** The rows Flink's async operator lets wait for an answer. */
  static int capacity(ReadableConfig config) {
    return config.get(CAPACITY);
  }

  /** The input rows Flink's async correlate lets wait for an answer (2.2+). */
  static int tableCapacity(ReadableConfig config) {
    return config.get(TABLE_CAPACITY);
  }

  /**
   * Checks the job's options for async table functions and logs what to set: Flink's default retry
   * strategy calls the function again for each row that emitted nothing (its empty-result
   * predicate), 100 ms apart, which holds every batch back and asks a non-deterministic function
   * again; and batches fill only up to the capacity.
   */
  static void checkTable(ReadableConfig config, String target, int batchRows) {
    tableProblems(config, target, batchRows).forEach(LOG::warn);
  }

  /** The sentences {@link #checkTable} logs. */
  static List<String> tableProblems(ReadableConfig config, String target, int batchRows) {
    List<String> problems = new ArrayList<>();
    String retry = config.get(TABLE_RETRY);
    if (!"NO_RETRY".equalsIgnoreCase(retry.strip())) {
      problems.add(
          target
              + ": Flink's '"
              + TABLE_RETRY_KEY
              + "' is "
              + retry
              + ", which calls the function again for every row that emitted no rows, 100 ms"
              + " apart, holding back the batches around it (a few rows a second when many rows"
              + " emit nothing); set it to NO_RETRY (the shim retries failed calls itself,"
              + " 'retry.max-attempts').");
    }
    int capacity = tableCapacity(config);
    if (capacity < batchRows) {
      problems.add(
          target
              + ": Flink lets "
              + capacity
              + " rows wait for answers ('"
              + TABLE_CAPACITY.key()
              + "'), so batches hold at most "
              + capacity
              + " of their "
              + batchRows
              + " rows; set it to "
              + batchRows * 4
              + " or more for full batches.");
    }
    return problems;
  }

  /** The capacity's key on this Flink version. */
  static String capacityKey(String version) {
    String[] parts = version.split("[.-]", -1);
    try {
      int major = Integer.parseInt(parts[0]);
      int minor = parts.length > 1 ? Integer.parseInt(parts[1]) : 0;
      return major > 2 || (major == 2 && minor >= 2) ? NEW_CAPACITY : OLD_CAPACITY;
    } catch (NumberFormatException e) {
      return NEW_CAPACITY;
    }
  }

  /**
   * Checks the job's options against the calls' needs and logs what to set: batches fill only up to
   * the capacity, and Flink's per-row timeout must outlast a call's deadline.
   */
  static void check(ReadableConfig config, String target, int batchRows, Duration callTimeout) {
    String version = AsyncScalarDefect.flinkVersion();
    int capacity = capacity(config);
    if (capacity < batchRows) {
      LOG.warn(
          "{}: Flink lets {} rows wait for answers ('{}'), so batches hold at most {} of their {}"
              + " rows; set '{}' to {} or more for full batches.",
          target,
          capacity,
          capacityKey(version),
          capacity,
          batchRows,
          capacityKey(version),
          batchRows * 4);
    }
    Duration timeout = config.get(TIMEOUT);
    if (!timeout.isZero() && timeout.compareTo(callTimeout) < 0) {
      LOG.warn(
          "{}: Flink's 'table.exec.async-scalar.timeout' ({} ms) is shorter than 'call.timeout'"
              + " ({} ms): rows fail at Flink's limit first; raise it, or set it to 0 s.",
          target,
          timeout.toMillis(),
          callTimeout.toMillis());
    }
  }
}
