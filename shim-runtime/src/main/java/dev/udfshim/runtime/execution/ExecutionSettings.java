package dev.udfshim.runtime.execution;

import dev.udfshim.protocol.framing.Framing;
import dev.udfshim.runtime.handler.HandlerException;
import dev.udfshim.runtime.handler.Settings;
import java.time.Duration;

/**
 * The execution handler's limits, from config vars (the README lists each with its default).
 *
 * @param parallelism UDF instances, each with its own thread
 * @param waitTimeout how long a call may wait for a free instance
 * @param evalTimeout the longest one call (one row, or one batch) may run when its caller set no
 *     shorter deadline
 * @param interruptGrace how long an interrupted eval has to return before its instance is retired
 * @param openTimeout the longest building one instance (constructor and open()) may take
 * @param maxQueued calls waiting for an instance beyond those running; more are refused
 * @param maxStuck retired instances whose eval never returned, after which none is replaced
 * @param batch whether requests carry a row count and many argument tuples
 * @param batchMaxRows the most rows one batch may hold
 * @param maxResultBytes the largest response payload
 */
record ExecutionSettings(
    int parallelism,
    Duration waitTimeout,
    Duration evalTimeout,
    Duration interruptGrace,
    Duration openTimeout,
    int maxQueued,
    int maxStuck,
    boolean batch,
    int batchMaxRows,
    int maxResultBytes) {

  static final String PARALLELISM = ExecutionHandler.PARALLELISM;
  static final String WAIT_TIMEOUT = ExecutionHandler.WAIT_TIMEOUT;
  static final String EVAL_TIMEOUT = "shim.execution.eval.timeout";
  static final String INTERRUPT_GRACE = "shim.execution.interrupt.grace";
  static final String OPEN_TIMEOUT = "shim.execution.open.timeout";
  static final String MAX_QUEUED = "shim.server.max.queued";
  static final String MAX_STUCK = "shim.execution.max.stuck";
  static final String BATCH = Framing.BATCH_VAR;
  static final String BATCH_MAX_ROWS = Framing.BATCH_MAX_ROWS_VAR;
  static final String MAX_RESULT_BYTES = "shim.execution.max.result.bytes";

  /** Fits a gRPC client's default 4 MiB message limit with room for the message framing. */
  static final int DEFAULT_MAX_RESULT_BYTES = 4 * 1024 * 1024 - 1024;

  private static final Duration MILLI = Duration.ofMillis(1);
  private static final Duration HOUR = Duration.ofHours(1);

  static ExecutionSettings read(Settings settings) throws HandlerException {
    return new ExecutionSettings(
        settings.integer(PARALLELISM, 1, 1, 1024),
        settings.duration(WAIT_TIMEOUT, Duration.ofMinutes(1), MILLI, HOUR),
        settings.duration(EVAL_TIMEOUT, Duration.ofMinutes(1), MILLI, HOUR),
        settings.duration(
            INTERRUPT_GRACE, Duration.ofSeconds(2), Duration.ZERO, Duration.ofMinutes(10)),
        settings.duration(OPEN_TIMEOUT, Duration.ofMinutes(5), MILLI, HOUR),
        settings.integer(MAX_QUEUED, 256, 1, 1_000_000),
        settings.integer(MAX_STUCK, 8, 0, 1024),
        settings.flag(BATCH, false),
        settings.integer(BATCH_MAX_ROWS, Framing.DEFAULT_BATCH_MAX_ROWS, 1, 1_000_000),
        settings.integer(MAX_RESULT_BYTES, DEFAULT_MAX_RESULT_BYTES, 1024, Integer.MAX_VALUE - 64));
  }
}
