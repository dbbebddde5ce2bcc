package dev.udfshim.maven.resolution;

import dev.udfshim.maven.incremental.GoalRecord;
import dev.udfshim.tooling.Jar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * The runtime's jars as an earlier build resolved them, so a build where nothing changed need not
 * resolve the whole dependency graph again (reading some fifty POMs). The caller uses it only where
 * the answer cannot have changed behind the files: a released plugin version, whose graph never
 * changes, or an offline build, which fetches nothing. The record also holds every jar's size and
 * time, a snapshot's POM's too, and a key (the plugin, the repositories): any difference means a
 * fresh resolution.
 */
public final class ResolutionRecord {
  private ResolutionRecord() {}

  /** The recorded jars, when the key is the same and no jar or POM changed since. */
  public static Optional<List<Jar>> read(Path file, String key) {
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (IOException e) {
      return Optional.empty();
    }
    if (lines.isEmpty() || !lines.get(0).equals(key)) {
      return Optional.empty();
    }
    List<Jar> jars = new ArrayList<>();
    for (String line : lines.subList(1, lines.size())) {
      String[] fields = line.split("\t", -1);
      if (fields.length != 6) {
        return Optional.empty();
      }
      Path jar = Path.of(fields[3]);
      if (!stat(jar).equals(fields[4]) || !pomStat(fields[2], jar).equals(fields[5])) {
        return Optional.empty();
      }
      jars.add(new Jar(fields[0], fields[1], fields[2], jar));
    }
    return Optional.of(List.copyOf(jars));
  }

  /** Records a fresh resolution; a record that cannot be written only costs a resolution later. */
  public static void write(Path file, String key, List<Jar> jars) {
    StringBuilder text = new StringBuilder(key).append('\n');
    for (Jar jar : jars) {
      text.append(
              String.join(
                  "\t",
                  jar.groupId(),
                  jar.artifactId(),
                  jar.version(),
                  jar.file().toString(),
                  stat(jar.file()),
                  pomStat(jar.version(), jar.file())))
          .append('\n');
    }
    try {
      GoalRecord.writeWhole(file, text);
    } catch (IOException e) {
      // The next build resolves again.
    }
  }

  /**
   * The POM next to a snapshot's jar, which can be installed again with other dependencies; a
   * released POM never changes, so it costs no look.
   */
  private static String pomStat(String version, Path jar) {
    if (!version.endsWith("-SNAPSHOT") && !version.matches(".*-\\d{8}\\.\\d{6}-\\d+")) {
      return "released";
    }
    String name = jar.getFileName().toString();
    return stat(jar.resolveSibling(name.substring(0, name.length() - ".jar".length()) + ".pom"));
  }

  private static String stat(Path file) {
    try {
      BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
      return attributes.size() + "/" + attributes.lastModifiedTime().toMillis();
    } catch (IOException e) {
      return "missing";
    }
  }
}
