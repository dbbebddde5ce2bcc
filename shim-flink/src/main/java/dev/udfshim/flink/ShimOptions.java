package dev.udfshim.flink;

import static org.apache.flink.configuration.ConfigOptions.key;

import dev.udfshim.protocol.framing.Framing;
import dev.udfshim.protocol.layout.ShimLayout;
import java.time.Duration;
import java.util.List;
import org.apache.flink.configuration.ConfigOption;
import org.apache.flink.configuration.DescribedEnum;
import org.apache.flink.configuration.description.InlineElement;
import org.apache.flink.configuration.description.TextElement;

/**
 * The options of the {@code shim} module: {@code LOAD MODULE shim WITH ('signatures' = '...',
 * 'endpoints' = '...')} in SQL, {@link ShimFunctions#builder()} in the Table API.
 */
public final class ShimOptions {
  private ShimOptions() {}

  /** How scalar functions call their servers. */
  public enum ScalarMode implements DescribedEnum {
    ASYNC("As AsyncScalarFunction: rows are batched (or sent one per call) with calls in flight."),
    SYNC("As ScalarFunction: one blocking call per row.");

    private final String description;

    ScalarMode(String description) {
      this.description = description;
    }

    @Override
    public InlineElement getDescription() {
      return TextElement.text(description);
    }
  }

  public static final ConfigOption<List<String>> SIGNATURES =
      key("signatures")
          .stringType()
          .asList()
          .noDefaultValue()
          .withDescription(
              "The signatures.json that the shim plugin wrote (target/shim/signatures.json), or"
                  + " the shim zip that holds it; several separated by ';'.");

  public static final ConfigOption<List<String>> ENDPOINTS =
      key("endpoints")
          .stringType()
          .asList()
          .noDefaultValue()
          .withDescription(
              "Where each signature is served, one execution server per config override dir"
                  + " "
                  + ShimLayout.CONFIG_ROOT
                  + "/<class>/<n>: entries <class>/<n>=<host>:<port> separated by ';'"
                  + " (<class>=<host>:<port> for a class with one signature). Functions without"
                  + " an endpoint are not registered, signatures without one are not offered.");

  public static final ConfigOption<List<String>> FUNCTION_NAMES =
      key("function-names")
          .stringType()
          .asList()
          .defaultValues()
          .withDescription(
              "SQL names of functions, entries <class>=<name> separated by ';'. By default a"
                  + " function is named after its class without the package (AddOne).");

  public static final ConfigOption<ScalarMode> SCALAR_MODE =
      key("scalar.mode")
          .enumType(ScalarMode.class)
          .defaultValue(ScalarMode.SYNC)
          .withDescription(
              "How scalar functions call their servers. SYNC (one blocking call per row) is"
                  + " exact in every query and both runtime modes. ASYNC batches rows and keeps"
                  + " calls in flight, in streaming mode only, with two limits of Flink 2.0.1's"
                  + " async scalar functions: a row with a NULL argument is answered NULL"
                  + " without a call, and NULLs of the other columns the same projection passes"
                  + " through come out as default values ('' or -1).");

  public static final ConfigOption<Boolean> BATCH_ENABLED =
      key("batch.enabled")
          .booleanType()
          .defaultValue(false)
          .withDescription(
              "Whether the servers speak the batch framing (started with config var"
                  + " "
                  + Framing.BATCH_VAR
                  + " = true). Must match the servers. With ASYNC, scalar"
                  + " functions then send up to 'batch.size' rows per call.");

  public static final ConfigOption<Integer> BATCH_SIZE =
      key("batch.size")
          .intType()
          .defaultValue(500)
          .withDescription(
              "At most this many rows per call (ASYNC with 'batch.enabled'). The servers refuse"
                  + " more than their "
                  + Framing.BATCH_MAX_ROWS_VAR
                  + " ("
                  + Framing.DEFAULT_BATCH_MAX_ROWS
                  + " by default). Batches"
                  + " only fill up to table.exec.async-scalar.buffer-capacity rows (10 by"
                  + " default): raise it to batch.size x async.max-in-flight.");

  public static final ConfigOption<Duration> BATCH_MAX_WAIT =
      key("batch.max-wait")
          .durationType()
          .defaultValue(Duration.ofMillis(100))
          .withDescription(
              "How long the first row of a batch waits for more rows before the batch is sent.");

  public static final ConfigOption<Integer> ASYNC_MAX_IN_FLIGHT =
      key("async.max-in-flight")
          .intType()
          .defaultValue(4)
          .withDescription(
              "At most this many calls at once per function instance (ASYNC); further batches"
                  + " wait for one to be answered.");

  public static final ConfigOption<Duration> CALL_TIMEOUT =
      key("call.timeout")
          .durationType()
          .defaultValue(Duration.ofSeconds(60))
          .withDescription(
              "Deadline of one call, retries included; the server stops evaluating when it"
                  + " passes. Keep table.exec.async-scalar.timeout (3 min by default) above it.");

  public static final ConfigOption<Integer> RETRY_MAX_ATTEMPTS =
      key("retry.max-attempts")
          .intType()
          .defaultValue(5)
          .withDescription(
              "Attempts per call when the server is UNAVAILABLE (not reached, or draining), 1 to"
                  + " 10; 1 means no retry. No other failure is retried.");

  public static final ConfigOption<Duration> RETRY_INITIAL_BACKOFF =
      key("retry.initial-backoff")
          .durationType()
          .defaultValue(Duration.ofMillis(100))
          .withDescription("Backoff before the first retry; each next one doubles, with jitter.");

  public static final ConfigOption<Duration> RETRY_MAX_BACKOFF =
      key("retry.max-backoff")
          .durationType()
          .defaultValue(Duration.ofSeconds(5))
          .withDescription("The longest backoff between two attempts.");
}
