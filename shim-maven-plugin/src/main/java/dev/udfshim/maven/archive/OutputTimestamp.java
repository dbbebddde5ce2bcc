package dev.udfshim.maven.archive;

import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.Optional;

/**
 * {@code project.build.outputTimestamp} as Maven's archivers read it: ISO-8601 or seconds since the
 * epoch; unset or one character means "not reproducible".
 */
public final class OutputTimestamp {
  /** The zip entries' time when the project sets none: the zips are still the same twice. */
  public static final Instant DEFAULT = Instant.parse("1980-01-01T00:00:02Z");

  private OutputTimestamp() {}

  /** The project's timestamp, or empty when it sets none (Maven: not reproducible). */
  public static Optional<Instant> parse(String text) {
    if (text == null || text.length() < 2) {
      return Optional.empty();
    }
    try {
      return Optional.of(Instant.ofEpochSecond(Long.parseLong(text)));
    } catch (NumberFormatException e) {
      try {
        return Optional.of(OffsetDateTime.parse(text).toInstant());
      } catch (DateTimeParseException e2) {
        throw new IllegalArgumentException(
            "project.build.outputTimestamp '"
                + text
                + "' is neither ISO-8601 (2024-01-01T00:00:00Z) nor seconds since the epoch.");
      }
    }
  }

  /** The time of every zip entry: the project's timestamp, else {@link #DEFAULT}. */
  public static Instant entryTime(String text) {
    return parse(text).orElse(DEFAULT);
  }
}
