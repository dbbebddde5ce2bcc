package dev.udfshim.flink.batch;

import java.time.Duration;

/**
 * The batch size and wait of the batched Table API form, adapted to what it observes within bounds;
 * an explicit option fixes either.
 *
 * <ul>
 *   <li><b>Size</b>: starts at {@value #START_ROWS} rows (or the server's limit, if lower) and
 *       doubles, up to the server's limit, each time a batch fills while every call slot is busy:
 *       the server is then the bottleneck, and fewer, larger calls cost it less per row. It never
 *       shrinks: a slow input closes batches by the wait, not by size.
 *   <li><b>Wait</b>: the first row of a batch waits about one call's latency (a moving average),
 *       between {@value #MIN_WAIT_MILLIS} ms and {@value #MAX_WAIT_MILLIS} ms: waiting longer than
 *       a call takes would add latency without saving calls.
 * </ul>
 *
 * Used by the task thread only.
 */
public final class BatchTuning {
  static final int START_ROWS = 64;
  static final long MIN_WAIT_MILLIS = 1;
  static final long MAX_WAIT_MILLIS = 100;

  private final int maxRows;
  private final boolean fixedSize;
  private final long fixedWaitNanos;
  private int rows;
  private double latencyNanos = -1;

  /**
   * @param serverMaxRows the most rows the server takes in one call
   * @param batchSize the explicit rows per call, or 0 to tune
   * @param maxWait the explicit wait, or null to tune
   */
  public BatchTuning(int serverMaxRows, int batchSize, Duration maxWait) {
    this.maxRows = Math.max(1, serverMaxRows);
    this.fixedSize = batchSize > 0;
    this.rows = fixedSize ? Math.min(batchSize, maxRows) : Math.min(START_ROWS, maxRows);
    this.fixedWaitNanos = maxWait == null ? -1 : maxWait.toNanos();
  }

  /** Rows per call now. */
  public int rows() {
    return rows;
  }

  /** How long the first row of a batch waits now. */
  public long waitNanos() {
    if (fixedWaitNanos >= 0) {
      return fixedWaitNanos;
    }
    long min = Duration.ofMillis(MIN_WAIT_MILLIS).toNanos();
    long max = Duration.ofMillis(MAX_WAIT_MILLIS).toNanos();
    return latencyNanos < 0 ? max : Math.max(min, Math.min(max, (long) latencyNanos));
  }

  /** A full batch found every call slot busy. */
  public void slotsBusyWhenFull() {
    if (!fixedSize) {
      rows = Math.min(maxRows, rows * 2);
    }
  }

  /** A call was answered after this long. */
  public void answered(long nanos) {
    latencyNanos = latencyNanos < 0 ? nanos : latencyNanos * 0.8 + nanos * 0.2;
  }

  /** "64 rows a call (tuned), wait 3 ms", for the task's log. */
  public String describe() {
    return rows
        + " rows a call ("
        + (fixedSize ? "batch.size" : "tuned, up to " + maxRows)
        + "), wait "
        + Duration.ofNanos(waitNanos()).toMillis()
        + " ms"
        + (fixedWaitNanos >= 0 ? " (batch.max-wait)" : "");
  }
}
