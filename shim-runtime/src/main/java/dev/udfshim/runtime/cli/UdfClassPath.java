package dev.udfshim.runtime.cli;

import java.io.File;
import java.io.IOException;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import picocli.CommandLine.Option;

/** Where the UDF classes come from, besides the runtime's own class path. */
final class UdfClassPath {
  @Option(
      names = {"--udf-classpath", "--udf_classpath"},
      paramLabel = "<path>",
      split = ",",
      description =
          "Where the UDFs and their dependencies are: the UDF upload zip (`mvn package` writes"
              + " target/<name>-udf.zip) as it is, jars, or folders (their classes and the jars"
              + " in them); repeatable, or separated by '${sys:path.separator}' or ','. Default:"
              + " the runtime's class path (lib/udf of a shim artifact).")
  List<String> entries = new ArrayList<>();

  List<Path> paths() {
    List<Path> paths = new ArrayList<>();
    for (String entry : entries) {
      for (String part : entry.split(Pattern.quote(File.pathSeparator), -1)) {
        if (!part.isBlank()) {
          paths.add(Path.of(part));
        }
      }
    }
    return paths;
  }

  /** A loader over the entries whose parent is the runtime's, so Flink's classes are shared. */
  ClassLoader loader() {
    ClassLoader parent = UdfClassPath.class.getClassLoader();
    if (entries.isEmpty()) {
      return parent;
    }
    List<URL> urls = new ArrayList<>();
    for (Path entry : paths()) {
      if (!Files.exists(entry)) {
        throw new IllegalArgumentException(
            "UDF class path entry "
                + entry
                + " does not exist; pass an existing UDF upload zip, jar or folder.");
      }
      for (Path path : expand(entry)) {
        try {
          urls.add(path.toUri().toURL());
        } catch (MalformedURLException e) {
          throw new IllegalArgumentException("UDF class path entry " + path + " is not a path.", e);
        }
      }
    }
    return new URLClassLoader("udf", urls.toArray(URL[]::new), parent);
  }

  /**
   * An entry as the platform combines a user's upload with the runtime: a zip's jars, a folder's
   * classes and the jars at its top (an unzipped upload), or a jar.
   */
  private static List<Path> expand(Path entry) {
    if (Files.isDirectory(entry)) {
      List<Path> paths = new ArrayList<>(List.of(entry));
      try (Stream<Path> files = Files.list(entry)) {
        files
            .filter(f -> f.getFileName().toString().endsWith(".jar") && Files.isRegularFile(f))
            .sorted()
            .forEach(paths::add);
      } catch (IOException e) {
        throw new IllegalArgumentException(
            "UDF class path entry " + entry + " cannot be listed: " + e.getMessage(), e);
      }
      return paths;
    }
    return UdfZip.isUploadZip(entry) ? UdfZip.unpack(entry) : List.of(entry);
  }
}
