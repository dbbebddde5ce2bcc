package dev.udfshim.runtime.client;

import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import java.util.ArrayList;
import java.util.List;

/**
 * Splits {@code 1,2} or {@code "a,b",[1,2],{"k":1},null} into values at the commas that are outside
 * quotes and brackets, so one option (Maven's {@code -Dargs=...}) can carry every argument. A value
 * in double quotes is a string with JSON escapes.
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
        values.add(unquote(current.toString().strip()));
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
    values.add(unquote(current.toString().strip()));
    return values;
  }

  /** "a,b" becomes a,b; anything else (numbers, JSON, null) stays as typed. */
  private static String unquote(String value) {
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      try {
        return JsonParser.parseString(value).getAsString();
      } catch (JsonParseException e) {
        throw new IllegalArgumentException(
            "The quoted value " + value + " is not a JSON string; escape quotes as \\\".");
      }
    }
    return value;
  }
}
