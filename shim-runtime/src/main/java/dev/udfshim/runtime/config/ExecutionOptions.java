package dev.udfshim.runtime.config;

import static dev.udfshim.runtime.config.ConfigOption.Handlers.EXECUTION;
import static dev.udfshim.runtime.config.ConfigOption.key;

import dev.udfshim.protocol.framing.Framing;
import java.time.Duration;

/** The execution handler's config vars: its instances, time limits, batches and result size. */
public final class ExecutionOptions {
  private ExecutionOptions() {}

  private static final Duration MILLI = Duration.ofMillis(1);
  private static final Duration HOUR = Duration.ofHours(1);

  public static final ConfigOption<Integer> PARALLELISM =
      key("confluent.remote-udf.adapter.parallelism")
          .intType()
          .defaultValue(1)
          .withRange(1, 1024)
          .forHandlers(EXECUTION)
          .withDescription(
              "UDF instances, each with its own thread. The first serves as soon as it is built,"
                  + " the others are built in the background.");

  public static final ConfigOption<Duration> WAIT_TIMEOUT =
      key("confluent.remote-udf.adapter.handler.wait.timeout")
          .durationType()
          .defaultValue(Duration.ofMinutes(1))
          .withRange(MILLI, HOUR)
          .forHandlers(EXECUTION)
          .withDescription("How long a call may wait for a free instance.");

  public static final ConfigOption<Duration> EVAL_TIMEOUT =
      key("shim.execution.eval.timeout")
          .durationType()
          .defaultValue(Duration.ofMinutes(1))
          .withRange(MILLI, HOUR)
          .forHandlers(EXECUTION)
          .withDescription(
              "Time limit of one call (one row, or one batch) when the client's deadline is not"
                  + " shorter. Past it the caller gets an error naming the UDF and the limit, and"
                  + " the eval is interrupted.");

  public static final ConfigOption<Duration> INTERRUPT_GRACE =
      key("shim.execution.interrupt.grace")
          .durationType()
          .defaultValue(Duration.ofSeconds(2))
          .withRange(Duration.ZERO, Duration.ofMinutes(10))
          .forHandlers(EXECUTION)
          .withDescription(
              "How long an interrupted eval may take to return before its instance is retired"
                  + " and replaced by a fresh one (its thread cannot be stopped).");

  public static final ConfigOption<Duration> OPEN_TIMEOUT =
      key("shim.execution.open.timeout")
          .durationType()
          .defaultValue(Duration.ofMinutes(5))
          .withRange(MILLI, HOUR)
          .forHandlers(EXECUTION)
          .withDescription(
              "Time limit of building one more or replacement instance (constructor and"
                  + " `open()`); past it the build is retried with backoff.");

  public static final ConfigOption<Integer> MAX_STUCK =
      key("shim.execution.max.stuck")
          .intType()
          .defaultValue(8)
          .withRange(0, 1024)
          .forHandlers(EXECUTION)
          .withDescription(
              "Retired instances whose eval never returned, beyond which none is replaced"
                  + " (health then says restart).");

  public static final ConfigOption<Boolean> BATCH =
      key(Framing.BATCH_VAR)
          .booleanType()
          .defaultValue(false)
          .forHandlers(EXECUTION)
          .withDescription(
              "`true`: each request is a batch, an int32 row count and that many argument tuples"
                  + " (docs/protocol.md, *Batches*).");

  public static final ConfigOption<Integer> BATCH_MAX_ROWS =
      key(Framing.BATCH_MAX_ROWS_VAR)
          .intType()
          .defaultValue(Framing.DEFAULT_BATCH_MAX_ROWS)
          .withRange(1, 1_000_000)
          .forHandlers(EXECUTION)
          .withDescription("Most rows in one batch; more are refused with a sentence.");

  /** Fits a gRPC client's default 4 MiB message limit with room for the message framing. */
  public static final ConfigOption<Integer> MAX_RESULT_BYTES =
      key("shim.execution.max.result.bytes")
          .intType()
          .defaultValue(4 * 1024 * 1024 - 1024)
          .withRange(1024, Integer.MAX_VALUE - 64)
          .forHandlers(EXECUTION)
          .withDescription(
              "Largest response payload, in bytes; a larger result is an error. The default, 4"
                  + " MiB less 1 KiB, fits a gRPC client's default message limit.");

  public static final ConfigOption<Boolean> SERIALIZE_INSTANCES =
      key("shim.execution.serialize.instances")
          .booleanType()
          .defaultValue(false)
          .forHandlers(EXECUTION)
          .withDescription(
              "`true`: each UDF instance goes through a Java serialization round trip before"
                  + " `open()`, as Flink ships a function to its tasks, so state that only the"
                  + " constructor puts into a `transient` field is null, as in Flink. UdfTester"
                  + " turns it on.");
}
