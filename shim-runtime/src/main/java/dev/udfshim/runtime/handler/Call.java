package dev.udfshim.runtime.handler;

import java.util.OptionalLong;

/** What a handler knows of one call besides its payload: the caller's deadline and patience. */
public interface Call {

  /** The caller's deadline as a {@link System#nanoTime()} instant, or empty when it set none. */
  OptionalLong deadline();

  /** True once the caller gave up: it cancelled, its deadline passed, or the server stopped. */
  boolean isCancelled();

  /** Runs the action once when the caller gives up (at once if it already has). */
  void whenCancelled(Runnable action);

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
