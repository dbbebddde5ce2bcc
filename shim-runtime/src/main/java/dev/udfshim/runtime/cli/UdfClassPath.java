package dev.udfshim.runtime.cli;

import java.io.File;
import java.net.MalformedURLException;
import java.net.URL;
import java.net.URLClassLoader;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;
import picocli.CommandLine.Option;

/** Where the UDF classes come from, besides the runtime's own class path. */
final class UdfClassPath {
  @Option(
      names = {"--udf-classpath", "--udf_classpath"},
      paramLabel = "<path>",
      split = ",",
      description =
          "Jars or class folders that hold the UDFs and their dependencies (repeatable, or"
              + " separated by '${sys:path.separator}' or ','). Default: the runtime's class path.")
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
            "UDF class path entry " + entry + " does not exist; pass an existing jar or folder.");
      }
      try {
        urls.add(entry.toUri().toURL());
      } catch (MalformedURLException e) {
        throw new IllegalArgumentException("UDF class path entry " + entry + " is not a path.", e);
      }
    }
    return new URLClassLoader("udf", urls.toArray(URL[]::new), parent);
  }
}
