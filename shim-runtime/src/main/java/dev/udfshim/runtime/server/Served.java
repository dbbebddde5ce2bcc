package dev.udfshim.runtime.server;

import java.time.Duration;

/** What a server process runs and stops: one server, or the servers of {@code serve --all}. */
public interface Served extends AutoCloseable {
  /** Drains and stops; what happened, for the summary and the exit code. */
  ShimServer.Stopped shutdown(String why);

  /** The longest {@link #shutdown} may take. */
  Duration shutdownBound();

  /** Closes the handlers at once, within the limit (a UDF called System.exit). */
  void closeHandlers(Duration limit);

  void awaitTermination() throws InterruptedException;

  @Override
  void close();
}
