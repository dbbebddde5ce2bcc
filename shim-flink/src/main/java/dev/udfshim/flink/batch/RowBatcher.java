package dev.udfshim.flink.batch;

import dev.udfshim.flink.codec.WireException;
import dev.udfshim.flink.codec.WireFormat;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;

/**
 * Collects the rows of an async function into calls: a scalar function's value per row, or a table
 * function's rows (a list) per row. A batch is closed when it holds {@code maxRows} rows, when one
 * more row would take it over {@code maxBytes}, when its first row has waited {@code maxWait}, or
 * when it stalls: the rows not yet answered reach {@code maxOutstanding} (Flink's async operator
 * then sends no more rows) and no call is out whose answer would make room. At most {@code
 * maxInFlight} calls run at once; closed batches wait their turn.
 *
 * <p>Rows come from the task thread, answers from gRPC's threads, the wait from the timer thread.
 */
public final class RowBatcher {
  /** The bounds of batching. */
  public record Limits(
      int maxRows, int maxBytes, Duration maxWait, int maxInFlight, int maxOutstanding) {}

  /** What happened to one row: its value, or the failure of its whole call. */
  // a carrier, never compared: the request bytes as written
  @SuppressWarnings("ArrayRecordComponent")
  private record Batch(byte[] payload, List<CompletableFuture<Object>> results) {}

  private final WireFormat format;
  private final WireFormat.Request request;
  private final Limits limits;
  private final Function<byte[], CompletableFuture<byte[]>> sender;
  private final Function<String, RuntimeException> failure;
  private final ScheduledExecutorService timer;

  // Guarded by this.
  private List<CompletableFuture<Object>> open = new ArrayList<>();
  private long openedAt;
  private boolean timerPending;
  private final ArrayDeque<Batch> ready = new ArrayDeque<>();
  private int inFlight;
  private int outstanding;
  private long calls;
  private long rows;
  private long closedFull;
  private long closedByWait;
  private long closedByCapacity;

  /**
   * @param sender sends one payload; its future holds the answer or fails
   * @param failure turns a sentence about one row into the exception its future fails with
   */
  public RowBatcher(
      WireFormat format,
      Limits limits,
      Function<byte[], CompletableFuture<byte[]>> sender,
      Function<String, RuntimeException> failure,
      ScheduledExecutorService timer) {
    this.format = format;
    this.request = format.newRequest();
    this.limits = limits;
    this.sender = sender;
    this.failure = failure;
    this.timer = timer;
  }

  /** Adds one row; {@code result} completes with its value once its batch is answered. */
  public void add(Object[] arguments, CompletableFuture<Object> result) {
    List<Batch> toSend;
    synchronized (this) {
      int bytes;
      try {
        bytes = request.add(arguments);
      } catch (WireException e) {
        result.completeExceptionally(failure.apply(e.getMessage()));
        return;
      }
      if (request.size() > limits.maxBytes()) {
        if (request.rows() == 1) {
          request.take();
          result.completeExceptionally(
              failure.apply(
                  "The arguments of one row take "
                      + bytes
                      + " bytes, over the "
                      + limits.maxBytes()
                      + " a call can carry (gRPC's 4 MiB message limit)."));
          return;
        }
        // Close the batch without this row, then start the next one with it.
        request.dropLast(bytes);
        close();
        try {
          request.add(arguments);
        } catch (WireException e) {
          throw new IllegalStateException("a row that was encoded once cannot fail again", e);
        }
      }
      open.add(result);
      outstanding++;
      if (open.size() == 1 && limits.maxRows() > 1) {
        openedAt = System.nanoTime();
        if (!timerPending) {
          schedule(limits.maxWait().toNanos());
        }
      }
      if (open.size() >= limits.maxRows()) {
        closedFull++;
        close();
      } else {
        closeIfStalled();
      }
      toSend = takeSendable();
    }
    toSend.forEach(this::send);
  }

  /** Calls made and rows sent so far, and the bounds. */
  public synchronized String summary() {
    return rows
        + " row(s) in "
        + calls
        + " call(s) (at most "
        + limits.maxRows()
        + " rows a call, "
        + limits.maxInFlight()
        + " calls in flight, "
        + limits.maxOutstanding()
        + " rows awaiting answers; closed "
        + closedFull
        + " full, "
        + closedByCapacity
        + " at that capacity, "
        + closedByWait
        + " after the wait)";
  }

  /**
   * One timer per batcher, not one per batch: when it fires, it closes the open batch if that has
   * waited long enough, else it waits for the rest of that batch's wait.
   */
  // afterWait() throws nothing: send() turns a failed call into failed rows
  @SuppressWarnings("FutureReturnValueIgnored")
  private void schedule(long delayNanos) {
    timerPending = true;
    timer.schedule(this::afterWait, delayNanos, TimeUnit.NANOSECONDS);
  }

  private void afterWait() {
    List<Batch> toSend;
    synchronized (this) {
      timerPending = false;
      if (open.isEmpty()) {
        return;
      }
      long left = limits.maxWait().toNanos() - (System.nanoTime() - openedAt);
      if (left > 0) {
        schedule(left);
        return;
      }
      closedByWait++;
      close();
      toSend = takeSendable();
    }
    toSend.forEach(this::send);
  }

  /**
   * Closes the open batch when no more rows can come before it is sent: Flink's operator holds as
   * many rows as it may, and no call is out whose answer would free room (holding the lock).
   */
  private void closeIfStalled() {
    if (!open.isEmpty() && inFlight == 0 && outstanding >= limits.maxOutstanding()) {
      closedByCapacity++;
      close();
    }
  }

  /** Closes the open batch (holding the lock). */
  private void close() {
    ready.add(new Batch(request.take(), open));
    open = new ArrayList<>();
  }

  private List<Batch> takeSendable() {
    List<Batch> batches = new ArrayList<>(1);
    while (inFlight < limits.maxInFlight() && !ready.isEmpty()) {
      inFlight++;
      Batch batch = ready.poll();
      calls++;
      rows += batch.results().size();
      batches.add(batch);
    }
    return batches;
  }

  // answered() completes every row of the batch itself
  @SuppressWarnings("FutureReturnValueIgnored")
  private void send(Batch batch) {
    CompletableFuture<byte[]> answer;
    try {
      answer = sender.apply(batch.payload());
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenComplete((bytes, error) -> answered(batch, bytes, error));
  }

  private void answered(Batch batch, byte[] bytes, Throwable error) {
    List<CompletableFuture<Object>> results = batch.results();
    if (error != null) {
      Throwable cause = error instanceof CompletionException ? error.getCause() : error;
      results.forEach(r -> r.completeExceptionally(cause));
    } else {
      try {
        WireFormat reader = format.duplicate();
        List<?> values =
            reader.table()
                ? reader.readRows(bytes, results.size())
                : reader.readValues(bytes, results.size());
        for (int i = 0; i < results.size(); i++) {
          results.get(i).complete(values.get(i));
        }
      } catch (WireException | RuntimeException e) {
        // Any failure to read fails the batch's rows: an exception lost here would hang them.
        RuntimeException failed = failure.apply(e.getMessage());
        results.forEach(r -> r.completeExceptionally(failed));
      }
    }
    List<Batch> toSend;
    synchronized (this) {
      inFlight--;
      outstanding -= results.size();
      closeIfStalled();
      toSend = takeSendable();
    }
    toSend.forEach(this::send);
  }
}
