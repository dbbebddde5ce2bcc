package dev.udfshim.runtime.server;

import dev.udfshim.runtime.config.ServerOptions;
import dev.udfshim.runtime.config.Settings;
import dev.udfshim.runtime.handler.HandlerException;
import java.time.Duration;

/**
 * The server's own limits, read once at start (each declared in {@link ServerOptions}).
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

  static ServerSettings read(Settings settings) throws HandlerException {
    return new ServerSettings(
        settings.get(ServerOptions.SHUTDOWN_GRACE),
        settings.get(ServerOptions.CLOSE_TIMEOUT),
        settings.get(ServerOptions.THREADS),
        settings.get(ServerOptions.MAX_QUEUED),
        settings.get(ServerOptions.MAX_CONNECTION_IDLE),
        settings.get(ServerOptions.KEEPALIVE_TIME),
        settings.get(ServerOptions.KEEPALIVE_TIMEOUT));
  }
}
