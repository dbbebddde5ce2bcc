package dev.udfshim.maven.archive;

import dev.udfshim.maven.isolation.ResolvedJar;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * The deployable shim artifact and the UDF-only upload zip. Entries are added in sorted order with
 * fixed times and modes, so the same inputs always give the same bytes.
 *
 * <pre>
 * bin/shim, bin/shim.cmd                 launchers: bin/shim serve --handler_name ...
 * lib/runtime/*.jar                      shim-runtime and its dependencies (Flink's table API included)
 * lib/udf/*.jar                          the UDF jar and its runtime dependencies
 * scp_config/&lt;class&gt;/&lt;n&gt;/spec_base64    one config override dir per signature
 * signatures.json                        what extraction found
 * shim-manifest.properties               versions
 * </pre>
 */
public final class ShimArchive {
  private static final int EXECUTABLE = 0755;
  private static final int REGULAR = 0644;
  private static final int FOLDER = 0755;

  private final Path workDirectory;
  private final FileTime timestamp;

  /**
   * @param workDirectory where the launchers and manifest are written before they are zipped
   * @param timestamp the time of every entry
   */
  public ShimArchive(Path workDirectory, FileTime timestamp) {
    this.workDirectory = workDirectory;
    this.timestamp = timestamp;
  }

  /** The shim artifact; returns the number of entries. */
  public int writeShimZip(
      Path zip,
      Path udfJar,
      List<ResolvedJar> runtime,
      List<ResolvedJar> udfDependencies,
      Path configDirectory,
      Path signatures,
      Map<String, String> manifest)
      throws IOException {
    SortedMap<String, Entry> entries = new TreeMap<>();
    entries.put("bin/shim", new Entry(resource("shim.sh", "shim"), EXECUTABLE));
    entries.put("bin/shim.cmd", new Entry(resource("shim.cmd", "shim.cmd"), REGULAR));
    addJars(entries, "lib/runtime/", runtime);
    entries.put("lib/udf/" + udfJar.getFileName(), new Entry(udfJar, REGULAR));
    addJars(entries, "lib/udf/", udfDependencies);
    if (Files.isDirectory(configDirectory)) {
      try (Stream<Path> files = Files.walk(configDirectory)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          String relative = configDirectory.relativize(file).toString().replace('\\', '/');
          entries.put("scp_config/" + relative, new Entry(file, REGULAR));
        }
      }
    }
    entries.put("signatures.json", new Entry(signatures, REGULAR));
    entries.put("shim-manifest.properties", new Entry(manifest(manifest), REGULAR));
    write(zip, entries);
    return entries.size();
  }

  /** The UDF-only zip the upload step takes: jars at the root, no folder. */
  public int writeUdfZip(Path zip, Path udfJar, List<ResolvedJar> udfDependencies)
      throws IOException {
    SortedMap<String, Entry> entries = new TreeMap<>();
    entries.put(udfJar.getFileName().toString(), new Entry(udfJar, REGULAR));
    addJars(entries, "", udfDependencies);
    write(zip, entries);
    return entries.size();
  }

  private record Entry(Path file, int mode) {}

  /** artifactId-version.jar, with the groupId in front where two jars would share a name. */
  private static void addJars(
      SortedMap<String, Entry> entries, String folder, List<ResolvedJar> jars) {
    Set<String> names = new HashSet<>();
    for (ResolvedJar jar : jars) {
      String name = jar.file().getFileName().toString();
      if (!names.add(name) || entries.containsKey(folder + name)) {
        name = jar.groupId() + "." + name;
      }
      entries.put(folder + name, new Entry(jar.file(), REGULAR));
    }
  }

  private Path resource(String name, String target) throws IOException {
    Path file = workDirectory.resolve("bin").resolve(target);
    Files.createDirectories(file.getParent());
    try (InputStream in = ShimArchive.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("launcher template " + name + " is missing from the plugin");
      }
      Files.write(file, in.readAllBytes());
    }
    return file;
  }

  /** Sorted keys and no date line, unlike java.util.Properties#store. */
  private Path manifest(Map<String, String> values) throws IOException {
    StringBuilder text = new StringBuilder("# Versions of this shim artifact\n");
    new TreeMap<>(values).forEach((k, v) -> text.append(k).append('=').append(v).append('\n'));
    Path file = workDirectory.resolve("shim-manifest.properties");
    Files.createDirectories(file.getParent());
    Files.writeString(file, text, StandardCharsets.UTF_8);
    return file;
  }

  /**
   * Every folder of the entries gets an entry of its own, before the first file in it. Jars are
   * compressed already: they are stored as they are (a zip about 9% larger, and no deflate pass
   * over 47 MiB); the rest (launchers, specs, json) is deflated. The time is written as the UTC
   * wall clock of the timestamp, the same in every time zone.
   */
  private void write(Path zip, SortedMap<String, Entry> entries) throws IOException {
    LocalDateTime time = LocalDateTime.ofInstant(timestamp.toInstant(), ZoneOffset.UTC);
    Set<String> folders = new HashSet<>();
    Files.deleteIfExists(zip);
    try (ZipArchiveOutputStream out = new ZipArchiveOutputStream(zip)) {
      for (Map.Entry<String, Entry> entry : entries.entrySet()) {
        String name = entry.getKey();
        for (int slash = name.indexOf('/'); slash > 0; slash = name.indexOf('/', slash + 1)) {
          String folder = name.substring(0, slash + 1);
          if (folders.add(folder)) {
            out.putArchiveEntry(zipEntry(folder, FOLDER, ZipArchiveEntry.STORED, time));
            out.closeArchiveEntry();
          }
        }
        int method = name.endsWith(".jar") ? ZipArchiveEntry.STORED : ZipArchiveEntry.DEFLATED;
        out.putArchiveEntry(zipEntry(name, entry.getValue().mode(), method, time));
        Files.copy(entry.getValue().file(), out);
        out.closeArchiveEntry();
      }
    } catch (IOException e) {
      throw new IOException("Cannot write " + zip + ": " + e.getMessage(), e);
    }
  }

  private static ZipArchiveEntry zipEntry(String name, int mode, int method, LocalDateTime time) {
    ZipArchiveEntry entry = new ZipArchiveEntry(name);
    entry.setTimeLocal(time);
    entry.setUnixMode((name.endsWith("/") ? UnixStat.DIR_FLAG : UnixStat.FILE_FLAG) | mode);
    entry.setMethod(method);
    return entry;
  }
}
