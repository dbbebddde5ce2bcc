package dev.udfshim.runtime.server;

import dev.udfshim.runtime.handler.HandlerException;
import dev.udfshim.runtime.handler.Settings;
import java.time.Duration;

/**
 * The server's own limits, from config vars (the README lists each with its default).
 *
 * @param grace how long calls in flight may finish after SIGTERM
 * @param closeTimeout how long the handler's close() (each UDF instance's) may take at shutdown
 * @param threads threads for handlers that answer on the caller's thread (extraction)
 * @param maxQueued calls waiting for such a thread; more are refused with RESOURCE_EXHAUSTED
 * @param maxConnectionIdle an HTTP/2 connection without calls for this long is closed
 * @param keepAliveTime the server pings a connection silent for this long...
 * @param keepAliveTimeout ...and closes it when the ping is not answered in this time
 */
record ServerSettings(
    Duration grace,
    Duration closeTimeout,
    int threads,
    int maxQueued,
    Duration maxConnectionIdle,
    Duration keepAliveTime,
    Duration keepAliveTimeout) {

  static final String GRACE = "shim.shutdown.grace";
  static final String CLOSE_TIMEOUT = "shim.shutdown.close.timeout";
  static final String THREADS = "shim.server.threads";
  static final String MAX_QUEUED = "shim.server.max.queued";
  static final String MAX_CONNECTION_IDLE = "shim.server.max.connection.idle";
  static final String KEEPALIVE_TIME = "shim.server.keepalive.time";
  static final String KEEPALIVE_TIMEOUT = "shim.server.keepalive.timeout";

  /** Clients may ping this often without being told to calm down. */
  static final Duration PERMIT_KEEPALIVE = Duration.ofSeconds(10);

  static ServerSettings read(Settings settings) throws HandlerException {
    Duration second = Duration.ofSeconds(1);
    return new ServerSettings(
        settings.duration(GRACE, Duration.ofSeconds(30), Duration.ZERO, Duration.ofHours(1)),
        settings.duration(
            CLOSE_TIMEOUT, Duration.ofSeconds(10), Duration.ZERO, Duration.ofMinutes(10)),
        settings.integer(THREADS, 32, 1, 1024),
        settings.integer(MAX_QUEUED, 256, 1, 1_000_000),
        settings.duration(MAX_CONNECTION_IDLE, Duration.ofMinutes(1), second, Duration.ofDays(1)),
        settings.duration(
            KEEPALIVE_TIME, Duration.ofMinutes(1), PERMIT_KEEPALIVE, Duration.ofDays(1)),
        settings.duration(KEEPALIVE_TIMEOUT, Duration.ofSeconds(20), second, Duration.ofHours(1)));
  }
}
