package dev.udfshim.runtime.server;

import dev.udfshim.runtime.config.ServerOptions;
import dev.udfshim.runtime.config.Settings;
import dev.udfshim.runtime.handler.HandlerException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
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
 * @param token the bearer token calls must carry, or null for none
 * @param tokenFile the file the token was read from, or null when it came from the var itself
 * @param metricsPort the Prometheus port of the config vars, 0 for none
 */
record ServerSettings(
    Duration grace,
    Duration closeTimeout,
    int threads,
    int maxQueued,
    Duration maxConnectionIdle,
    Duration keepAliveTime,
    Duration keepAliveTimeout,
    String token,
    Path tokenFile,
    int metricsPort) {

  static ServerSettings read(Settings settings) throws HandlerException {
    String token = settings.get(ServerOptions.TOKEN);
    String file = settings.get(ServerOptions.TOKEN_FILE);
    Path tokenFile = null;
    if (!token.isEmpty() && !file.isEmpty()) {
      throw new HandlerException(
          "Both "
              + ServerOptions.TOKEN.key()
              + " and "
              + ServerOptions.TOKEN_FILE.key()
              + " are set; keep one.");
    }
    if (!file.isEmpty()) {
      tokenFile = tokenFile(file);
      token = readToken(tokenFile);
    }
    return new ServerSettings(
        settings.get(ServerOptions.SHUTDOWN_GRACE),
        settings.get(ServerOptions.CLOSE_TIMEOUT),
        settings.get(ServerOptions.THREADS),
        settings.get(ServerOptions.MAX_QUEUED),
        settings.get(ServerOptions.MAX_CONNECTION_IDLE),
        settings.get(ServerOptions.KEEPALIVE_TIME),
        settings.get(ServerOptions.KEEPALIVE_TIMEOUT),
        token.isEmpty() ? null : token,
        tokenFile,
        settings.get(ServerOptions.METRICS_PORT));
  }

  private static Path tokenFile(String text) throws HandlerException {
    try {
      return Path.of(text).toAbsolutePath();
    } catch (InvalidPathException e) {
      throw new HandlerException(
          "Config var " + ServerOptions.TOKEN_FILE.key() + " is not a path: " + e.getMessage(), e);
    }
  }

  private static String readToken(Path file) throws HandlerException {
    String token;
    try {
      token = Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new HandlerException(
          "Cannot read the token file "
              + file
              + " ("
              + e.getClass().getSimpleName()
              + ") named by "
              + ServerOptions.TOKEN_FILE.key()
              + "; make it readable or correct the path.",
          e);
    }
    if (token.isEmpty()) {
      throw new HandlerException(
          "The token file "
              + file
              + " named by "
              + ServerOptions.TOKEN_FILE.key()
              + " is empty; write the token into it.");
    }
    return token;
  }
}
