package dev.udfshim.runtime.config;

import static dev.udfshim.runtime.config.ConfigOption.Handlers.BOTH;
import static dev.udfshim.runtime.config.ConfigOption.Handlers.EXTRACTION;
import static dev.udfshim.runtime.config.ConfigOption.key;

import java.time.Duration;

/** The server's config vars: call queues and threads, connections, and the drain at shutdown. */
public final class ServerOptions {
  private ServerOptions() {}

  /** Clients may ping this often without being told to calm down; the keepalive is no shorter. */
  public static final Duration PERMIT_KEEPALIVE = Duration.ofSeconds(10);

  private static final Duration SECOND = Duration.ofSeconds(1);

  public static final ConfigOption<Integer> MAX_QUEUED =
      key("shim.server.max.queued")
          .intType()
          .defaultValue(256)
          .withRange(1, 1_000_000)
          .forHandlers(BOTH)
          .withDescription(
              "Calls waiting for an instance (execution) or a call thread (extraction), and calls"
                  + " waiting for the handler to open; more are refused with"
                  + " `RESOURCE_EXHAUSTED`.");

  public static final ConfigOption<Integer> THREADS =
      key("shim.server.threads")
          .intType()
          .defaultValue(32)
          .withRange(1, 1024)
          .forHandlers(EXTRACTION)
          .withDescription("Call threads of handlers that answer on the caller's thread.");

  public static final ConfigOption<Duration> MAX_CONNECTION_IDLE =
      key("shim.server.max.connection.idle")
          .durationType()
          .defaultValue(Duration.ofMinutes(1))
          .withRange(SECOND, Duration.ofDays(1))
          .forHandlers(BOTH)
          .withDescription(
              "An HTTP/2 connection without calls for this long is closed (the client reconnects"
                  + " on its next call).");

  public static final ConfigOption<Duration> KEEPALIVE_TIME =
      key("shim.server.keepalive.time")
          .durationType()
          .defaultValue(Duration.ofMinutes(1))
          .withRange(PERMIT_KEEPALIVE, Duration.ofDays(1))
          .forHandlers(BOTH)
          .withDescription(
              "A connection silent for this long is pinged. Clients may ping every 10 s or less"
                  + " often, also between calls.");

  public static final ConfigOption<Duration> KEEPALIVE_TIMEOUT =
      key("shim.server.keepalive.timeout")
          .durationType()
          .defaultValue(Duration.ofSeconds(20))
          .withRange(SECOND, Duration.ofHours(1))
          .forHandlers(BOTH)
          .withDescription(
              "A pinged connection is closed when the ping is not answered in this time.");

  public static final ConfigOption<Duration> SHUTDOWN_GRACE =
      key("shim.shutdown.grace")
          .durationType()
          .defaultValue(Duration.ofSeconds(30))
          .withRange(Duration.ZERO, Duration.ofHours(1))
          .forHandlers(BOTH)
          .withDescription(
              "How long calls in flight may finish after SIGTERM or SIGINT; those still running"
                  + " are then answered `UNAVAILABLE`.");

  public static final ConfigOption<Duration> CLOSE_TIMEOUT =
      key("shim.shutdown.close.timeout")
          .durationType()
          .defaultValue(Duration.ofSeconds(10))
          .withRange(Duration.ZERO, Duration.ofMinutes(10))
          .forHandlers(BOTH)
          .withDescription(
              "How long the `close()` calls (each UDF instance's, each on its own thread) may take"
                  + " at shutdown; the process exits after it even when one hangs.");

  public static final ConfigOption<String> TOKEN =
      key("shim.server.token")
          .stringType()
          .defaultValue("")
          .forHandlers(BOTH)
          .withDescription(
              "A bearer token every `FunctionRuntime/Invoke` call must carry (header"
                  + " `authorization: Bearer <token>`); a call without it or with another gets"
                  + " `UNAUTHENTICATED` and runs no user code. Not set: no token. Health and"
                  + " reflection stay open (probes carry no token). Never on the command line.");

  public static final ConfigOption<String> TOKEN_FILE =
      key("shim.server.token.file")
          .stringType()
          .defaultValue("")
          .forHandlers(BOTH)
          .withDescription(
              "A file that holds the bearer token (e.g. a mounted secret), read at start; the"
                  + " path is absolute or relative to the working directory. Set this or"
                  + " `shim.server.token`, not both.");

  public static final ConfigOption<Integer> METRICS_PORT =
      key("shim.metrics.port")
          .intType()
          .defaultValue(0)
          .withRange(0, 65535)
          .forHandlers(BOTH)
          .withDescription(
              "Serve Prometheus metrics (text format, `/metrics`) on this port, on the server's"
                  + " `--host`; `0` (the default) serves none. `serve --metrics-port` wins.");
}
