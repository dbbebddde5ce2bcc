package dev.udfshim.flink.batch;

import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * One daemon thread per JVM that closes batches whose wait is over; counted like the channels, so
 * no thread outlives the last function instance (and keeps a job's class loader alive).
 */
public final class SharedTimer {
  private static ScheduledThreadPoolExecutor timer;
  private static int users;

  private SharedTimer() {}

  /** A lease on the timer; close it when done. */
  public static final class Lease implements AutoCloseable {
    private final ScheduledExecutorService executor;
    private boolean closed;

    private Lease(ScheduledExecutorService executor) {
      this.executor = executor;
    }

    public ScheduledExecutorService executor() {
      return executor;
    }

    @Override
    // the monitor of SharedTimer's static synchronized methods, on purpose
    @SuppressWarnings("LockOnNonEnclosingClassLiteral")
    public void close() {
      synchronized (SharedTimer.class) {
        if (closed) {
          return;
        }
        closed = true;
        if (--users == 0) {
          timer.shutdownNow();
          timer = null;
        }
      }
    }
  }

  public static synchronized Lease acquire() {
    if (timer == null) {
      timer =
          new ScheduledThreadPoolExecutor(
              1,
              task -> {
                Thread thread = new Thread(task, "shim-batch-timer");
                thread.setDaemon(true);
                return thread;
              });
      timer.setRemoveOnCancelPolicy(true);
    }
    users++;
    return new Lease(timer);
  }
}
