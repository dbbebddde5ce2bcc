package dev.udfshim.runtime.tooling;

import dev.udfshim.protocol.layout.ShimLayout;
import dev.udfshim.protocol.layout.ShimLayout.Manifest;
import dev.udfshim.tooling.ArchivePlan;
import dev.udfshim.tooling.BuildLayout;
import dev.udfshim.tooling.Jar;
import dev.udfshim.tooling.RuntimeArchiveRequest;
import dev.udfshim.tooling.ShimArchiveRequest;
import dev.udfshim.tooling.ToolingException;
import dev.udfshim.tooling.UdfArchiveRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * What goes where in the deployable shim artifact (laid out as {@link ShimLayout} names it), in the
 * runtime-only artifact (the same without the UDF's parts) and in the UDF-only upload zip.
 */
final class ArchivePlans {
  private static final int EXECUTABLE = 0755;
  private static final int REGULAR = 0644;

  /** The release the runtime is compiled for: the oldest JVM the artifact runs on. */
  private static final String JAVA_RELEASE = "17";

  private ArchivePlans() {}

  static ArchivePlan shim(ShimArchiveRequest request, BuildLayout layout, String shimVersion)
      throws ToolingException {
    if (!Files.isRegularFile(layout.signaturesFile())) {
      throw new ToolingException(
          layout.signaturesFile() + " does not exist; extract the project's UDFs first.");
    }
    SortedMap<String, ArchivePlan.Entry> entries = runtimeEntries(request.runtimeJars());
    Path udfJar = request.udfJar();
    add(
        entries,
        ArchivePlan.Entry.ofFile(ShimLayout.UDF_LIB + "/" + udfJar.getFileName(), udfJar, REGULAR));
    addJars(entries, ShimLayout.UDF_LIB + "/", request.udfDependencies());
    Path configDirectory = layout.configDirectory();
    if (Files.isDirectory(configDirectory)) {
      try (Stream<Path> files = Files.walk(configDirectory)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          String relative = configDirectory.relativize(file).toString().replace('\\', '/');
          add(
              entries,
              ArchivePlan.Entry.ofFile(ShimLayout.CONFIG_ROOT + "/" + relative, file, REGULAR));
        }
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot list " + configDirectory, e);
      }
    }
    add(entries, ArchivePlan.Entry.ofFile(ShimLayout.SIGNATURES, layout.signaturesFile(), REGULAR));
    Map<String, String> manifest =
        manifest(request.runtimeJars(), request.classPathDigest(), shimVersion);
    manifest.put(Manifest.UDF_ARTIFACT, request.udfArtifact());
    manifest.put(Manifest.LAUNCHER, ShimLayout.SERVE_COMMAND);
    add(entries, ArchivePlan.Entry.ofBytes(ShimLayout.MANIFEST, text(manifest), REGULAR));
    return new ArchivePlan(List.copyOf(entries.values()));
  }

  /**
   * The runtime alone: the launchers, {@code lib/runtime} and the manifest (whose class path digest
   * names the launcher's class-data archives), as in the shim artifact, with no UDF and no spec.
   */
  static ArchivePlan runtime(RuntimeArchiveRequest request, String shimVersion) {
    SortedMap<String, ArchivePlan.Entry> entries = runtimeEntries(request.runtimeJars());
    Map<String, String> manifest =
        manifest(request.runtimeJars(), request.classPathDigest(), shimVersion);
    manifest.put(Manifest.LAUNCHER, ShimLayout.RUNTIME_SERVE_COMMAND);
    add(entries, ArchivePlan.Entry.ofBytes(ShimLayout.MANIFEST, text(manifest), REGULAR));
    return new ArchivePlan(List.copyOf(entries.values()));
  }

  private static SortedMap<String, ArchivePlan.Entry> runtimeEntries(List<Jar> runtimeJars) {
    SortedMap<String, ArchivePlan.Entry> entries = new TreeMap<>();
    add(entries, ArchivePlan.Entry.ofBytes(ShimLayout.LAUNCHER, launcher("shim.sh"), EXECUTABLE));
    add(entries, ArchivePlan.Entry.ofBytes(ShimLayout.LAUNCHER_CMD, launcher("shim.cmd"), REGULAR));
    addJars(entries, ShimLayout.RUNTIME_LIB + "/", runtimeJars);
    return entries;
  }

  /** The zip the platform's upload takes: the jars at the root, no folder. */
  static ArchivePlan udf(UdfArchiveRequest request) {
    SortedMap<String, ArchivePlan.Entry> entries = new TreeMap<>();
    String name = request.udfJar().getFileName().toString();
    add(entries, ArchivePlan.Entry.ofFile(name, request.udfJar(), REGULAR));
    addJars(entries, "", request.udfDependencies());
    return new ArchivePlan(List.copyOf(entries.values()));
  }

  private static void add(SortedMap<String, ArchivePlan.Entry> entries, ArchivePlan.Entry entry) {
    entries.put(entry.path(), entry);
  }

  /** artifactId-version.jar, with the groupId in front where two jars would share a name. */
  private static void addJars(
      SortedMap<String, ArchivePlan.Entry> entries, String folder, List<Jar> jars) {
    Set<String> names = new HashSet<>();
    for (Jar jar : jars) {
      String name = jar.file().getFileName().toString();
      if (!names.add(name) || entries.containsKey(folder + name)) {
        name = jar.groupId() + "." + name;
      }
      add(entries, ArchivePlan.Entry.ofFile(folder + name, jar.file(), REGULAR));
    }
  }

  private static byte[] launcher(String name) {
    try (InputStream in = ArchivePlans.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IllegalStateException("The launcher " + name + " is missing from shim-runtime");
      }
      return in.readAllBytes();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The keys both artifacts share. */
  private static Map<String, String> manifest(
      List<Jar> runtimeJars, String classPathDigest, String shimVersion) {
    Map<String, String> values = new TreeMap<>();
    values.put(Manifest.CLASSPATH_DIGEST, classPathDigest);
    values.put(Manifest.SHIM_VERSION, shimVersion);
    values.put(
        Manifest.FLINK_VERSION,
        runtimeJars.stream()
            .filter(
                j ->
                    j.groupId().equals("org.apache.flink")
                        && j.artifactId().equals("flink-table-common"))
            .map(Jar::version)
            .findFirst()
            .orElse("unknown"));
    values.put(Manifest.JAVA_RELEASE, JAVA_RELEASE);
    return values;
  }

  /** Sorted keys and no date line, unlike java.util.Properties#store. */
  private static byte[] text(Map<String, String> values) {
    StringBuilder text = new StringBuilder("# Versions of this shim artifact\n");
    new TreeMap<>(values).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    return text.toString().getBytes(StandardCharsets.UTF_8);
  }
}
