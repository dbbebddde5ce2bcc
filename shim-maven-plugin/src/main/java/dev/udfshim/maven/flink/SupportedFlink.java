package dev.udfshim.maven.flink;

import dev.udfshim.maven.PluginVersions;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/**
 * The Flink lines the shim runs UDFs on, one version of each (the parent pom's {@code
 * flink.supported.versions}): the one CI tests, and the one a missing member is looked up in.
 */
public final class SupportedFlink {
  private static final List<FlinkVersion> VERSIONS =
      PluginVersions.supportedFlink().stream()
          .map(v -> FlinkVersion.parse(v).orElseThrow())
          .toList();

  private SupportedFlink() {}

  /** One version per supported line, oldest first. */
  public static List<FlinkVersion> versions() {
    return VERSIONS;
  }

  /** The Flink the runtime is built against: a project that declares none runs on it. */
  public static FlinkVersion defaultVersion() {
    return FlinkVersion.parse(PluginVersions.defaultFlink()).orElseThrow();
  }

  public static boolean supports(FlinkVersion version) {
    return VERSIONS.stream().anyMatch(version::sameLine);
  }

  /** The tested version of the line, when the line is supported. */
  public static Optional<FlinkVersion> ofLine(FlinkVersion version) {
    return VERSIONS.stream().filter(version::sameLine).findFirst();
  }

  /** {@code 1.20, 2.0, 2.1, 2.2 and 2.3}. */
  public static String lines() {
    return and(VERSIONS.stream().map(FlinkVersion::line).toList());
  }

  /** {@code a}, {@code a and b}, {@code a, b and c}. */
  public static String and(List<String> words) {
    if (words.size() <= 1) {
      return String.join("", words);
    }
    return words.subList(0, words.size() - 1).stream().collect(Collectors.joining(", "))
        + " and "
        + words.get(words.size() - 1);
  }
}
