package dev.udfshim.flink.function;

import dev.udfshim.flink.batch.RowBatcher;
import dev.udfshim.flink.batch.SharedTimer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.slf4j.Logger;

/**
 * What an open async function (scalar or table) holds: its connection, a lease on the shared batch
 * timer and the batcher that collects its rows into calls. Opened in {@code open}, closed in {@code
 * close}.
 */
final class AsyncCalls {
  /** The payload bytes of a call: gRPC's 4 MiB message limit less room for the envelope. */
  static final int MAX_CALL_BYTES = (4 << 20) - 1024;

  private final Connection connection;
  private final SharedTimer.Lease timer;
  private final RowBatcher batcher;

  /**
   * @param operatorCapacity rows the Flink operator lets wait for an answer
   */
  AsyncCalls(Connection connection, int operatorCapacity) {
    this.connection = connection;
    ClientSettings settings = connection.bound().settings();
    this.timer = SharedTimer.acquire();
    this.batcher =
        new RowBatcher(
            connection.format(),
            new RowBatcher.Limits(
                Math.min(settings.batchSizeOr(Connection.LEGACY_BATCH_SIZE), connection.maxRows()),
                MAX_CALL_BYTES,
                settings.maxWaitOr(Duration.ofMillis(100)),
                settings.maxInFlight(),
                Math.max(1, operatorCapacity)),
            connection::invoke,
            connection::failure,
            timer.executor());
  }

  /** Adds one row; {@code result} completes with its value (or its rows) once answered. */
  void add(Object[] arguments, CompletableFuture<Object> result) {
    batcher.add(arguments, result);
  }

  /** Logs the batching summary in the function's log, then closes the timer lease and the call. */
  void close(Logger log) {
    log.info("{}: {}", connection.bound().target(), batcher.summary());
    timer.close();
    connection.close();
  }
}
