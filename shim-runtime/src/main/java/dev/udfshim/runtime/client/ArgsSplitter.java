package dev.udfshim.runtime.client;

import java.util.ArrayList;
import java.util.List;

/**
 * Splits {@code 1,2} or {@code "a,b",[1,2],{"k":1},null} into values at the commas that are outside
 * quotes and brackets, so one option (Maven's {@code -Dargs=...}) can carry every argument. Values
 * stay as typed: a value in double quotes is a string with JSON escapes, which {@link ValueText}
 * reads, so {@code null} (SQL NULL) and {@code "null"} (the string) stay apart.
 */
public final class ArgsSplitter {
  private ArgsSplitter() {}

  public static List<String> split(String text) {
    List<String> values = new ArrayList<>();
    if (text == null || text.isBlank()) {
      return values;
    }
    StringBuilder current = new StringBuilder();
    int depth = 0;
    boolean quoted = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (quoted) {
        current.append(c);
        if (c == '\\' && i + 1 < text.length()) {
          current.append(text.charAt(++i));
        } else if (c == '"') {
          quoted = false;
        }
      } else if (c == ',' && depth == 0) {
        values.add(checked(current.toString().strip()));
        current.setLength(0);
      } else {
        if (c == '"') {
          quoted = true;
        } else if (c == '[' || c == '{') {
          depth++;
        } else if (c == ']' || c == '}') {
          depth--;
        }
        current.append(c);
      }
    }
    if (quoted || depth != 0) {
      throw new IllegalArgumentException(
          "The argument list '" + text + "' has an unclosed quote or bracket.");
    }
    values.add(checked(current.toString().strip()));
    return values;
  }

  /** A quoted value must be one JSON string, checked here where the whole list is at hand. */
  private static String checked(String value) {
    ValueText.unquote(value);
    return value;
  }
}
