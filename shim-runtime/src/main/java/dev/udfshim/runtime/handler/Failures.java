package dev.udfshim.runtime.handler;

/** How a handler reports an exception to a caller: classes and messages, never a stack trace. */
public final class Failures {
  private Failures() {}

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
