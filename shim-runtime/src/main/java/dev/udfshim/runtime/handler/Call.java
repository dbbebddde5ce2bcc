package dev.udfshim.runtime.handler;

import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** What a handler knows of one call besides its payload: the caller's deadline and patience. */
public interface Call {

  /** The caller's deadline as a {@link System#nanoTime()} instant, or empty when it set none. */
  OptionalLong deadline();

  /** True once the caller gave up: it cancelled, its deadline passed, or the server stopped. */
  boolean isCancelled();

  /** Runs the action once when the caller gives up (at once if it already has). */
  void whenCancelled(Runnable action);

  /**
   * How long from {@code now} (a {@link System#nanoTime()}) an answer may take and still reach the
   * caller before its deadline: the time left, less the lesser of 200 ms and a tenth of it, for the
   * answer's way back. Empty without a deadline; zero or less once it is too late.
   */
  default OptionalLong timeToAnswer(long now) {
    if (deadline().isEmpty()) {
      return OptionalLong.empty();
    }
    long left = deadline().getAsLong() - now;
    return OptionalLong.of(left - Math.min(TimeUnit.MILLISECONDS.toNanos(200), left / 10));
  }

  /** A call with no deadline that is never cancelled: for embedded and test use. */
  Call UNBOUNDED =
      new Call() {
        @Override
        public OptionalLong deadline() {
          return OptionalLong.empty();
        }

        @Override
        public boolean isCancelled() {
          return false;
        }

        @Override
        public void whenCancelled(Runnable action) {}
      };
}
