package dev.udfshim.maven.archive;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** What the platform refuses or breaks on, checked when the artifact is built. */
public final class PlatformLimits {
  /** The platform's artifact limit for the UDF upload zip. */
  public static final String DEFAULT_UPLOAD_LIMIT = "100MiB";

  private static final Pattern SIZE =
      Pattern.compile("(\\d+)\\s*(B|KiB|MiB|GiB|KB|MB|GB)?", Pattern.CASE_INSENSITIVE);
  private static final Map<String, Long> UNITS =
      Map.of(
          "b", 1L,
          "kib", 1L << 10,
          "mib", 1L << 20,
          "gib", 1L << 30,
          "kb", 1_000L,
          "mb", 1_000_000L,
          "gb", 1_000_000_000L);
  private static final String FLINK_PACKAGE = "org/apache/flink/";
  private static final int LARGEST = 3;

  private PlatformLimits() {}

  /** Bytes of a size such as {@code 100MiB}, {@code 50 MB} or {@code 1048576}. */
  public static long parseSize(String text) {
    Matcher matcher = SIZE.matcher(text == null ? "" : text.strip());
    if (!matcher.matches()) {
      throw new IllegalArgumentException(
          "shim.uploadLimit '"
              + text
              + "' is not a size; write bytes, or a number with KiB, MiB or GiB (e.g. 100MiB).");
    }
    String unit = matcher.group(2) == null ? "b" : matcher.group(2).toLowerCase(Locale.ROOT);
    return Long.parseLong(matcher.group(1)) * UNITS.get(unit);
  }

  /**
   * The failure for an upload zip over the limit, naming the largest jars in it, or empty when it
   * fits.
   */
  public static Optional<String> uploadTooLarge(Path zip, long limit, List<Path> jars)
      throws IOException {
    long size = Files.size(zip);
    if (size <= limit) {
      return Optional.empty();
    }
    List<Path> largest = new ArrayList<>(jars);
    largest.sort(Comparator.comparingLong(PlatformLimits::sizeOf).reversed());
    return Optional.of(
        "The UDF upload zip "
            + zip.getFileName()
            + " is "
            + mib(size)
            + ", over the platform's artifact limit of "
            + mib(limit)
            + "; its largest jars are "
            + largest.stream()
                .limit(LARGEST)
                .map(jar -> jar.getFileName() + " (" + mib(sizeOf(jar)) + ")")
                .collect(Collectors.joining(", "))
            + ". Leave out what the UDFs do not need (<scope>provided</scope>, <exclusions>), or"
            + " set shim.uploadLimit if your platform takes more.");
  }

  /**
   * One warning per jar that carries Flink's own classes (a shaded copy): the shim provides Flink,
   * and two copies of its classes clash at run time.
   */
  public static List<String> bundledFlink(List<Path> jars) throws IOException {
    List<String> warnings = new ArrayList<>();
    for (Path jar : jars) {
      try (ZipFile zip = new ZipFile(jar.toFile())) {
        int count = 0;
        String example = null;
        Enumeration<? extends ZipEntry> entries = zip.entries();
        while (entries.hasMoreElements()) {
          String name = entries.nextElement().getName();
          if (name.startsWith(FLINK_PACKAGE) && name.endsWith(".class")) {
            count++;
            example = example == null ? name : example;
          }
        }
        if (count > 0) {
          warnings.add(
              jar.getFileName()
                  + " carries "
                  + count
                  + " of Flink's own classes (e.g. "
                  + example
                  + "); the shim provides Flink's table API, and a second copy clashes with it at"
                  + " run time. Keep Flink out of that jar (e.g. exclude org.apache.flink from the"
                  + " shade plugin's artifactSet).");
        }
      }
    }
    return warnings;
  }

  private static long sizeOf(Path file) {
    try {
      return Files.size(file);
    } catch (IOException e) {
      return 0;
    }
  }

  private static String mib(long bytes) {
    return String.format(Locale.ROOT, "%.1f MiB", bytes / (double) (1 << 20));
  }
}
