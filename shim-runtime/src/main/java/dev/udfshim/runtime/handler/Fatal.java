package dev.udfshim.runtime.handler;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What happens to errors that leave the JVM half-dead (out of memory, internal errors). Embedded in
 * someone else's JVM they are rethrown; in a server process, which {@link #haltOnFatalErrors}
 * marks, they are logged in one line and the process exits, so the platform restarts it instead of
 * keeping a server that no longer answers.
 */
public final class Fatal {
  /** Exit code after an OutOfMemoryError, as the JVM's own -XX:+ExitOnOutOfMemoryError uses. */
  public static final int OUT_OF_MEMORY_EXIT = 3;

  /** Exit code after any other VirtualMachineError. */
  public static final int JVM_ERROR_EXIT = 4;

  private static final Logger LOG = LoggerFactory.getLogger(Fatal.class);
  private static volatile boolean halt;

  private Fatal() {}

  /** This JVM is a server process: fatal errors end it, on every thread. */
  public static void haltOnFatalErrors() {
    halt = true;
    Thread.UncaughtExceptionHandler previous = Thread.getDefaultUncaughtExceptionHandler();
    Thread.setDefaultUncaughtExceptionHandler(
        (thread, error) -> {
          check(error, "thread " + thread.getName());
          if (previous != null) {
            previous.uncaughtException(thread, error);
          } else {
            LOG.error("Uncaught exception in thread {}", thread.getName(), error);
          }
        });
  }

  /**
   * Does nothing for ordinary throwables. A stack overflow is ordinary: the stack has unwound and
   * the JVM is intact, so it is answered like any exception from user code.
   */
  public static void check(Throwable t, String where) {
    if (!(t instanceof VirtualMachineError vmError) || t instanceof StackOverflowError) {
      return;
    }
    if (!halt) {
      throw vmError;
    }
    int code = t instanceof OutOfMemoryError ? OUT_OF_MEMORY_EXIT : JVM_ERROR_EXIT;
    try {
      LOG.error("Fatal {} in {}; exiting with code {} so the server is restarted", t, where, code);
    } finally {
      Runtime.getRuntime().halt(code);
    }
  }
}
