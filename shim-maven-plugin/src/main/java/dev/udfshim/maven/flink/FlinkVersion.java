package dev.udfshim.maven.flink;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A Flink version as Maven names it ({@code 1.20.3}, {@code 2.1-SNAPSHOT}), and its line (major and
 * minor): what decides whether the shim supports it.
 */
public record FlinkVersion(String text, int major, int minor) {
  private static final Pattern LEADING = Pattern.compile("(\\d+)\\.(\\d+)(?:[.\\-].*)?");

  /** The version, when it starts with a major and a minor number. */
  public static Optional<FlinkVersion> parse(String text) {
    Matcher matcher = LEADING.matcher(text == null ? "" : text.strip());
    if (!matcher.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(
          new FlinkVersion(
              text.strip(),
              Integer.parseInt(matcher.group(1)),
              Integer.parseInt(matcher.group(2))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  /** {@code 1.20}: the versions of one line share their API. */
  public String line() {
    return major + "." + minor;
  }

  public boolean sameLine(FlinkVersion other) {
    return major == other.major && minor == other.minor;
  }

  @Override
  public String toString() {
    return text;
  }
}
