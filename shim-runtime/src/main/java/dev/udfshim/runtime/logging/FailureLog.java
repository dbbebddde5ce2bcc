package dev.udfshim.runtime.logging;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.slf4j.Logger;

/**
 * Failed calls in the log at a rate an operator can keep: one line per failure, the full stack
 * trace once per distinct failure, and beyond {@code linesPerWindow} lines in a window, a count of
 * what was left out instead. A UDF that fails on every row of a million-row job writes a few dozen
 * lines, not a million traces.
 */
public final class FailureLog {
  /** Distinct failures whose trace is remembered; past this, no more traces are written. */
  static final int MAX_TRACED = 1000;

  private static final ScheduledExecutorService FLUSH =
      Executors.newSingleThreadScheduledExecutor(
          runnable -> {
            Thread thread = new Thread(runnable, "shim-log-summary");
            thread.setDaemon(true);
            return thread;
          });

  private final Logger log;
  private final long windowNanos;
  private final int linesPerWindow;
  private final Map<String, Boolean> traced = new ConcurrentHashMap<>();
  private final AtomicLong windowStart = new AtomicLong(System.nanoTime());
  private final AtomicLong linesInWindow = new AtomicLong();
  private final AtomicLong suppressed = new AtomicLong();
  private final AtomicBoolean summaryPending = new AtomicBoolean();

  public FailureLog(Logger log, Duration window, int linesPerWindow) {
    this.log = log;
    this.windowNanos = window.toNanos();
    this.linesPerWindow = linesPerWindow;
  }

  /** The default: 20 lines per 10 s. */
  public FailureLog(Logger log) {
    this(log, Duration.ofSeconds(10), 20);
  }

  /**
   * Logs one failure.
   *
   * @param key what makes failures the same (e.g. the exception class and where it was thrown)
   * @param line the one-line description, already made safe
   * @param cause its stack trace is written the first time the key is seen; may be null
   */
  public void failed(String key, String line, Throwable cause) {
    boolean firstOfItsKind =
        cause != null && traced.size() < MAX_TRACED && traced.putIfAbsent(key, true) == null;
    if (!admit() && !firstOfItsKind) {
      suppressed.incrementAndGet();
      scheduleSummary();
      return;
    }
    if (firstOfItsKind) {
      log.warn("{} (first of its kind; trace follows once)\n{}", line, LogText.trace(cause));
    } else {
      log.warn("{}", line);
    }
  }

  private boolean admit() {
    long now = System.nanoTime();
    long start = windowStart.get();
    if (now - start >= windowNanos && windowStart.compareAndSet(start, now)) {
      linesInWindow.set(0);
    }
    return linesInWindow.incrementAndGet() <= linesPerWindow;
  }

  @SuppressWarnings("FutureReturnValueIgnored") // a timer; summarize() only logs
  private void scheduleSummary() {
    if (summaryPending.compareAndSet(false, true)) {
      FLUSH.schedule(this::summarize, windowNanos, TimeUnit.NANOSECONDS);
    }
  }

  /** Writes how many failure lines were left out since the last summary. */
  void summarize() {
    summaryPending.set(false);
    long count = suppressed.getAndSet(0);
    if (count > 0) {
      log.warn(
          "{} more failed call(s) not logged one by one (at most {} lines per {})",
          count,
          linesPerWindow,
          windowNanos < 1_000_000_000L
              ? TimeUnit.NANOSECONDS.toMillis(windowNanos) + " ms"
              : TimeUnit.NANOSECONDS.toSeconds(windowNanos) + " s");
    }
  }
}
