package dev.udfshim.runtime.extraction;

import java.util.ArrayList;
import java.util.List;

/** Short, readable renderings of user-code exceptions (the full trace goes to the log). */
final class Throwables {
  private Throwables() {}

  /**
   * The innermost {@code count} distinct messages of the cause chain, on one line. Flink wraps the
   * specific reason (which parameter, which class) in generic outer messages, so the innermost ones
   * are the ones a user can act on.
   */
  static String innermostMessages(Throwable t, int count) {
    List<String> messages = new ArrayList<>();
    for (Throwable c = t; c != null && messages.size() < 16; c = c.getCause()) {
      String m = c.getMessage() == null ? c.getClass().getName() : c.getMessage();
      m = m.replaceAll("\\s+", " ").strip();
      if (!messages.contains(m)) {
        messages.add(m.endsWith(".") ? m : m + ".");
      }
    }
    return String.join(
        " ", messages.subList(Math.max(0, messages.size() - count), messages.size()));
  }
}
