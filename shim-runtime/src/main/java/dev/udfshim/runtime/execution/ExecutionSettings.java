package dev.udfshim.runtime.execution;

import dev.udfshim.runtime.config.ExecutionOptions;
import dev.udfshim.runtime.config.ServerOptions;
import dev.udfshim.runtime.config.Settings;
import dev.udfshim.runtime.handler.HandlerException;
import java.time.Duration;

/**
 * The execution handler's limits, read once at open (each declared in {@link ExecutionOptions}).
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
 * @param serializeInstances whether each instance goes through a Java serialization round trip
 *     before open(), as Flink ships functions
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
    int maxResultBytes,
    boolean serializeInstances) {

  static ExecutionSettings read(Settings settings) throws HandlerException {
    return new ExecutionSettings(
        settings.get(ExecutionOptions.PARALLELISM),
        settings.get(ExecutionOptions.WAIT_TIMEOUT),
        settings.get(ExecutionOptions.EVAL_TIMEOUT),
        settings.get(ExecutionOptions.INTERRUPT_GRACE),
        settings.get(ExecutionOptions.OPEN_TIMEOUT),
        settings.get(ServerOptions.MAX_QUEUED),
        settings.get(ExecutionOptions.MAX_STUCK),
        settings.get(ExecutionOptions.BATCH),
        settings.get(ExecutionOptions.BATCH_MAX_ROWS),
        settings.get(ExecutionOptions.MAX_RESULT_BYTES),
        settings.get(ExecutionOptions.SERIALIZE_INSTANCES));
  }
}
