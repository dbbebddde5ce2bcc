package dev.udfshim.runtime.flink;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URL;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.jar.JarFile;
import java.util.jar.Manifest;

/**
 * Which Flink a class path holds: the runtime links only against API that every supported Flink
 * has, so what it runs on is whatever Flink its class path brings. Read from the manifests of the
 * jars of the Flink artifacts the runtime uses, one class of each.
 */
public final class FlinkClassPath {
  /** A class of each Flink artifact the runtime runs on, by artifact. */
  private static final Map<String, String> PROBES = probes();

  private static final String UNKNOWN = "unknown";

  /** Where a Flink artifact's classes come from, and its version. */
  public record Copy(String artifact, String version, String location) {
    /** {@code flink-table-runtime-2.0.1.jar}, or the artifact, version and where it is. */
    public String text() {
      return location.equals(artifact + "-" + version + ".jar")
          ? location
          : artifact + " " + version + " (" + location + ")";
    }
  }

  private FlinkClassPath() {}

  private static Map<String, String> probes() {
    Map<String, String> probes = new LinkedHashMap<>();
    probes.put("flink-table-common", "org.apache.flink.table.functions.ScalarFunction");
    probes.put("flink-core", "org.apache.flink.api.common.typeutils.TypeSerializer");
    probes.put(
        "flink-table-runtime", "org.apache.flink.table.runtime.typeutils.InternalSerializers");
    return Collections.unmodifiableMap(probes);
  }

  /**
   * The version of Flink's table API this runtime runs on: of the flink-table-common jar its own
   * classes link against, or {@code unknown} when that jar does not say.
   */
  public static String running() {
    return Running.VERSION;
  }

  /** Read once, when first asked. */
  private static final class Running {
    static final String VERSION = running(FlinkClassPath.class.getClassLoader());

    private static String running(ClassLoader loader) {
      URL url = loader.getResource(PROBES.get("flink-table-common").replace('.', '/') + ".class");
      return url == null ? UNKNOWN : copy("flink-table-common", url).version();
    }
  }

  /**
   * The version of Flink's table API that the loader's classes run on (flink-table-common's), or
   * {@code unknown} when its jar does not say.
   */
  public static String version(ClassLoader loader) {
    return copies(loader).stream()
        .filter(c -> c.artifact().equals("flink-table-common"))
        .map(Copy::version)
        .findFirst()
        .orElse(UNKNOWN);
  }

  /** Every copy of the runtime's Flink artifacts the loader can see, in class path order. */
  public static List<Copy> copies(ClassLoader loader) {
    List<Copy> copies = new ArrayList<>();
    PROBES.forEach(
        (artifact, className) -> {
          try {
            for (URL url :
                Collections.list(loader.getResources(className.replace('.', '/') + ".class"))) {
              copies.add(copy(artifact, url));
            }
          } catch (IOException e) {
            throw new UncheckedIOException("Cannot list the copies of " + className, e);
          }
        });
    return copies;
  }

  /**
   * One sentence when the loader's Flink is not one version, or not the expected one; empty when it
   * is.
   *
   * @param expected the version the build resolved the runtime with, or null when not known
   * @param fix what to do about a mix of versions
   */
  public static Optional<String> problem(ClassLoader loader, String expected, String fix) {
    List<Copy> copies = copies(loader);
    Set<String> versions = new LinkedHashSet<>();
    copies.forEach(c -> versions.add(c.version()));
    versions.remove(UNKNOWN);
    if (versions.size() > 1) {
      return Optional.of(
          "The class path mixes Flink versions ("
              + String.join(", ", copies.stream().map(Copy::text).toList())
              + "), so the UDF would not run as the shim artifact runs it; "
              + fix);
    }
    if (expected != null && versions.size() == 1 && !versions.contains(expected)) {
      return Optional.of(
          "The class path holds Flink "
              + versions.iterator().next()
              + " ("
              + String.join(", ", copies.stream().map(Copy::location).toList())
              + "), but the build resolved the shim runtime with Flink "
              + expected
              + "; "
              + fix);
    }
    return Optional.empty();
  }

  private static Copy copy(String artifact, URL url) {
    String location = url.toString();
    if (!url.getProtocol().equals("jar")) {
      return new Copy(artifact, UNKNOWN, location);
    }
    String path = location.substring("jar:".length(), location.indexOf("!/"));
    try {
      Path jar = Path.of(URI.create(path));
      try (JarFile file = new JarFile(jar.toFile())) {
        Manifest manifest = file.getManifest();
        String version =
            manifest == null
                ? null
                : manifest.getMainAttributes().getValue("Implementation-Version");
        return new Copy(
            artifact, version == null ? UNKNOWN : version, jar.getFileName().toString());
      }
    } catch (IOException | IllegalArgumentException | java.nio.file.FileSystemNotFoundException e) {
      return new Copy(artifact, UNKNOWN, location);
    }
  }
}
