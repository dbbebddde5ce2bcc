package dev.udfshim.maven.archive;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Enumeration;
import java.util.Optional;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * Whether the project's own jar is reproducible: every entry has the time {@code
 * project.build.outputTimestamp}. Maven 3.8's default jar plugin (2.4) writes the files' own times,
 * so the zips that hold the jar differ from build to build although their own entries are fixed.
 */
public final class Reproducibility {
  /** Zip (DOS) times have a resolution of two seconds. */
  private static final long TOLERANCE_MILLIS = 2000;

  private static final String FIX =
      "pin maven-jar-plugin to 3.2.0 or later (<version>3.4.2</version>) and set"
          + " project.build.outputTimestamp (e.g. 2026-01-01T00:00:00Z), so two builds give the"
          + " same zips.";

  private Reproducibility() {}

  /**
   * The warning for the jar, or empty when it is reproducible.
   *
   * @param timestamp the output timestamp, or null when the project sets none
   * @param jarPluginVersion the maven-jar-plugin version of the build, if known
   */
  public static Optional<String> warning(Path jar, Instant timestamp, String jarPluginVersion)
      throws IOException {
    String plugin = jarPluginVersion == null ? "" : " (maven-jar-plugin " + jarPluginVersion + ")";
    if (timestamp == null) {
      return Optional.of(
          "project.build.outputTimestamp is not set, so the project's jar"
              + plugin
              + " and the zips that hold it differ from build to build; "
              + FIX);
    }
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      Enumeration<? extends ZipEntry> entries = zip.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        if (!isAt(entry.getTime(), timestamp)) {
          return Optional.of(
              "The project's jar "
                  + jar.getFileName()
                  + plugin
                  + " is not reproducible: its entry "
                  + entry.getName()
                  + " has the time "
                  + Instant.ofEpochMilli(entry.getTime())
                  + ", not project.build.outputTimestamp "
                  + timestamp
                  + "; "
                  + FIX);
        }
      }
    }
    return Optional.empty();
  }

  /**
   * The entry time read back is the timestamp, whether the archiver wrote its DOS time in UTC or in
   * this machine's zone (plexus-archiver versions differ).
   */
  private static boolean isAt(long entryMillis, Instant timestamp) {
    long expected = timestamp.toEpochMilli();
    long offset = TimeZone.getDefault().getOffset(expected);
    for (long candidate : new long[] {expected, expected - offset, expected + offset}) {
      if (Math.abs(entryMillis - candidate) <= TOLERANCE_MILLIS) {
        return true;
      }
    }
    return false;
  }
}
