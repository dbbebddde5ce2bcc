package dev.udfshim.runtime.logging;

/**
 * Makes text from callers and user code safe for a log line: control characters escaped (so a
 * newline cannot forge a line of its own) and the length capped (so a 400 KB message stays a line).
 */
public final class LogText {
  /** Characters kept of one user-provided string. */
  public static final int MAX_LENGTH = 512;

  /** Stack frames kept per throwable in a rendered trace. */
  static final int MAX_FRAMES = 40;

  private LogText() {}

  /** Escaped and capped; {@code null} stays "null". */
  public static String safe(String text) {
    if (text == null) {
      return "null";
    }
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH) + 16);
    int i = 0;
    for (; i < text.length() && out.length() < MAX_LENGTH; i++) {
      char c = text.charAt(i);
      switch (c) {
        case '\n' -> out.append("\\n");
        case '\r' -> out.append("\\r");
        case '\t' -> out.append("\\t");
        case '\\' -> out.append("\\\\");
        default -> {
          if (c < 0x20 || c == 0x7f || (c >= 0x80 && c < 0xa0) || c == 0x2028 || c == 0x2029) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    if (i < text.length()) {
      out.append("...(").append(text.length() - i).append(" more characters)");
    }
    return out.toString();
  }

  /**
   * A stack trace with every message made safe: its line breaks are the trace's own, one per frame,
   * each starting with a tab or "Caused by:", so no message can pass for a log line.
   */
  public static String trace(Throwable t) {
    StringBuilder out = new StringBuilder();
    int depth = 0;
    for (Throwable c = t; c != null && depth < 8; c = c.getCause(), depth++) {
      out.append(depth == 0 ? "" : "\nCaused by: ").append(c.getClass().getName());
      if (c.getMessage() != null) {
        out.append(": ").append(safe(c.getMessage()));
      }
      StackTraceElement[] frames = c.getStackTrace();
      for (int f = 0; f < Math.min(frames.length, MAX_FRAMES); f++) {
        out.append("\n\tat ").append(frames[f]);
      }
      if (frames.length > MAX_FRAMES) {
        out.append("\n\t... ").append(frames.length - MAX_FRAMES).append(" more");
      }
    }
    return out.toString();
  }
}
