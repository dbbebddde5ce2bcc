package dev.udfshim.runtime.handler;

/** How a handler reports an exception to a caller: classes and messages, never a stack trace. */
public final class Failures {
  private Failures() {}

  /**
   * Rethrows what no handler should swallow: a JVM out of memory or broken. Everything else user
   * code throws (assertion errors and stack overflows included) becomes an error answer.
   */
  public static void rethrowIfFatal(Throwable t) {
    if (t instanceof VirtualMachineError && !(t instanceof StackOverflowError)) {
      throw (VirtualMachineError) t;
    }
  }

  /** {@code a.B: message Caused by: c.D: message ...}, at most 8 causes deep. */
  public static String describe(Throwable t) {
    StringBuilder text = new StringBuilder();
    int depth = 0;
    for (Throwable c = t; c != null && depth < 8; c = c.getCause(), depth++) {
      if (depth > 0) {
        text.append(" Caused by: ");
      }
      text.append(c.getClass().getName());
      if (c.getMessage() != null) {
        text.append(": ").append(c.getMessage());
      }
    }
    return text.toString();
  }
}
