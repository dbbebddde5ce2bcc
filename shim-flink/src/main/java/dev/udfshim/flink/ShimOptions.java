package dev.udfshim.flink;

import static org.apache.flink.configuration.ConfigOptions.key;

import dev.udfshim.protocol.framing.Framing;
import dev.udfshim.protocol.layout.ShimLayout;
import dev.udfshim.protocol.module.LoadModule;
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
    ASYNC(
        "As AsyncScalarFunction: rows are batched with calls in flight. Refused on every Flink"
            + " whose async scalar functions lose NULLs (all up to 2.3)."),
    ASYNC_UNSAFE_NULLS(
        "As ASYNC, also where Flink's async scalar functions lose NULLs: exact only on rows"
            + " without NULLs in the arguments and the other columns of the projection."),
    SYNC("As ScalarFunction: one blocking call per row; exact in every query.");

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
      key(LoadModule.SIGNATURES)
          .stringType()
          .asList()
          .noDefaultValue()
          .withDescription(
              "The signatures.json that the shim plugin wrote (target/shim/signatures.json), or"
                  + " the shim zip that holds it; several separated by ';'.");

  public static final ConfigOption<List<String>> ENDPOINTS =
      key(LoadModule.ENDPOINTS)
          .stringType()
          .asList()
          .noDefaultValue()
          .withDescription(
              "Where each signature is served, one execution server per config override dir"
                  + " "
                  + ShimLayout.CONFIG_ROOT
                  + "/<class>/<n>: entries <class>/<n>=<servers> separated by ';'"
                  + " (<class>=<servers> for a class with one signature). <servers> is"
                  + " <host>:<port>, several separated by ',' (calls are spread over the ready"
                  + " ones, and retried on another), or dns:///<name>:<port> for every address"
                  + " of a name (a Kubernetes headless Service). Signatures without one are not"
                  + " offered; a function without any says so when a query calls it.");

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
                  + " calls in flight through Flink's async scalar functions, which lose NULLs on"
                  + " every Flink up to 2.3, so it is refused there with a sentence;"
                  + " ASYNC_UNSAFE_NULLS keeps it for queries whose columns are never NULL"
                  + " (streaming mode only). For exact batched calls use ShimTables.");

  /** How table functions call their servers. */
  public enum TableMode implements DescribedEnum {
    ASYNC(
        "As AsyncTableFunction for SQL's LATERAL TABLE: input rows batched, calls in flight; Flink"
            + " 2.2 and later, streaming mode (refused elsewhere)."),
    SYNC("As TableFunction: one blocking call per input row; exact in every query.");

    private final String description;

    TableMode(String description) {
      this.description = description;
    }

    @Override
    public InlineElement getDescription() {
      return TextElement.text(description);
    }
  }

  public static final ConfigOption<TableMode> TABLE_MODE =
      key("table.mode")
          .enumType(TableMode.class)
          .defaultValue(TableMode.SYNC)
          .withDescription(
              "How table functions call their servers. SYNC (one blocking call per input row) is"
                  + " exact in every query and both runtime modes. ASYNC batches input rows with"
                  + " calls in flight through Flink's async table functions, which SQL's LATERAL"
                  + " TABLE takes, exactly, from Flink 2.2 on, in streaming mode; it is refused"
                  + " with a sentence on older Flinks and in batch jobs.");

  public static final ConfigOption<Boolean> BATCH_ENABLED =
      key("batch.enabled")
          .booleanType()
          .defaultValue(false)
          .withDescription(
              "Legacy, for servers that predate control frames: they speak the batch framing"
                  + " when started with config var "
                  + Framing.BATCH_VAR
                  + " = true, which this must then match. A current server says itself"
                  + " whether it takes batches (the describe frame), and this option is ignored"
                  + " for it.");

  public static final ConfigOption<Integer> BATCH_SIZE =
      key("batch.size")
          .intType()
          .noDefaultValue()
          .withDescription(
              "At most this many rows per call. Unset: ShimTables tunes it (from 64 rows, doubled"
                  + " while every call slot is busy when a batch fills, up to the server's limit);"
                  + " ASYNC_UNSAFE_NULLS and legacy batch servers send up to 500. The server's"
                  + " limit ("
                  + Framing.BATCH_MAX_ROWS_VAR
                  + ", "
                  + Framing.DEFAULT_BATCH_MAX_ROWS
                  + " by default, which it says in its describe answer) caps it.");

  public static final ConfigOption<Duration> BATCH_MAX_WAIT =
      key("batch.max-wait")
          .durationType()
          .noDefaultValue()
          .withDescription(
              "How long the first row of a batch waits for more rows before the batch is sent."
                  + " Unset: ShimTables waits about one call's observed latency, between 1 ms and"
                  + " 100 ms; the async scalar functions wait 100 ms.");

  public static final ConfigOption<Integer> ASYNC_MAX_IN_FLIGHT =
      key("async.max-in-flight")
          .intType()
          .defaultValue(4)
          .withDescription(
              "At most this many calls at once per function instance (ASYNC); further batches"
                  + " wait for one to be answered.");

  public static final ConfigOption<Integer> CACHE_SIZE =
      key("cache.size")
          .intType()
          .defaultValue(0)
          .withDescription(
              "Results of a deterministic function kept per function instance (least recently"
                  + " used first out), so a repeated argument tuple costs no call; 0 (the default)"
                  + " keeps none. Non-deterministic functions are never cached. The hit rate is"
                  + " logged when the instance closes and reported as the metrics shimCacheHits"
                  + " and shimCacheMisses in Flink's metric group of the function.");

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

  public static final ConfigOption<Boolean> TLS_ENABLED =
      key(LoadModule.TLS_ENABLED)
          .booleanType()
          .defaultValue(false)
          .withDescription(
              "Call the servers over TLS (servers started with --tls-cert and --tls-key),"
                  + " checking their certificates against the JVM's trust store, or"
                  + " 'tls.ca-file'. Any other 'tls.*' option turns it on too.");

  public static final ConfigOption<String> TLS_CA_FILE =
      key(LoadModule.TLS_CA_FILE)
          .stringType()
          .noDefaultValue()
          .withDescription("PEM file of the CA certificates the servers' certificates chain to.");

  public static final ConfigOption<String> TLS_CERT_FILE =
      key(LoadModule.TLS_CERT_FILE)
          .stringType()
          .noDefaultValue()
          .withDescription(
              "PEM certificate chain the client presents, for servers that require client"
                  + " certificates (--tls-client-ca: mutual TLS); needs 'tls.key-file'.");

  public static final ConfigOption<String> TLS_KEY_FILE =
      key(LoadModule.TLS_KEY_FILE)
          .stringType()
          .noDefaultValue()
          .withDescription("PEM (PKCS#8) private key of 'tls.cert-file'.");

  public static final ConfigOption<String> TLS_AUTHORITY =
      key(LoadModule.TLS_AUTHORITY)
          .stringType()
          .noDefaultValue()
          .withDescription(
              "The name the servers' certificates must hold, instead of the host each endpoint"
                  + " names (e.g. calling by IP address a server whose certificate names its DNS"
                  + " name).");

  public static final ConfigOption<String> AUTH_TOKEN_FILE =
      key(LoadModule.TOKEN_FILE)
          .stringType()
          .noDefaultValue()
          .withDescription(
              "A file holding the bearer token the servers require (their config var"
                  + " shim.server.token or shim.server.token.file), sent with every call as"
                  + " 'authorization: Bearer <token>'; read where the functions run.");

  public static final ConfigOption<String> AUTH_TOKEN =
      key(LoadModule.TOKEN)
          .stringType()
          .noDefaultValue()
          .withDescription(
              "The bearer token itself; prefer 'auth.token-file', since SQL text and job"
                  + " configurations are often logged.");
}
