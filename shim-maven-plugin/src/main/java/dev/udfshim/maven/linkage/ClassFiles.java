package dev.udfshim.maven.linkage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Enumeration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The class files of a class path (jars and class folders) by internal name, the first entry that
 * has a class winning, as a class loader sees them. Jars are opened once and indexed on first use;
 * close it to let them go.
 */
final class ClassFiles implements AutoCloseable {
  private static final String SUFFIX = ".class";

  private final List<Path> entries;
  private final List<ZipFile> opened = new ArrayList<>();
  private Map<String, Source> index;

  private record Source(ZipFile jar, Path file) {}

  ClassFiles(List<Path> entries) {
    this.entries = List.copyOf(entries);
  }

  /** Internal names of every class, in class path order. */
  synchronized List<String> names() {
    return List.copyOf(index().keySet());
  }

  /** The class file, when the class path holds it. */
  synchronized Optional<byte[]> bytes(String internalName) {
    Source source = index().get(internalName);
    if (source == null) {
      return Optional.empty();
    }
    try {
      if (source.file() != null) {
        return Optional.of(Files.readAllBytes(source.file()));
      }
      ZipEntry entry = source.jar().getEntry(internalName + SUFFIX);
      try (InputStream in = source.jar().getInputStream(entry)) {
        return Optional.of(in.readAllBytes());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read class " + internalName, e);
    }
  }

  private Map<String, Source> index() {
    if (index == null) {
      Map<String, Source> found = new java.util.LinkedHashMap<>();
      for (Path entry : entries) {
        if (Files.isDirectory(entry)) {
          folder(entry, found);
        } else if (Files.isRegularFile(entry)) {
          jar(entry, found);
        }
      }
      index = found;
    }
    return index;
  }

  private static void folder(Path root, Map<String, Source> found) {
    try (Stream<Path> files = Files.walk(root)) {
      files
          .filter(f -> f.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(f))
          .sorted()
          .forEach(
              f -> {
                String relative = root.relativize(f).toString().replace('\\', '/');
                found.putIfAbsent(
                    relative.substring(0, relative.length() - SUFFIX.length()),
                    new Source(null, f));
              });
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list the classes of " + root, e);
    }
  }

  private void jar(Path file, Map<String, Source> found) {
    ZipFile jar;
    try {
      jar = new ZipFile(file.toFile());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot open " + file, e);
    }
    opened.add(jar);
    Enumeration<? extends ZipEntry> all = jar.entries();
    while (all.hasMoreElements()) {
      String name = all.nextElement().getName();
      // Multi-release variants (META-INF/versions/...) and module descriptors are not classes
      // a reference can name.
      if (name.endsWith(SUFFIX) && !name.startsWith("META-INF/") && !name.endsWith("-info.class")) {
        found.putIfAbsent(
            name.substring(0, name.length() - SUFFIX.length()), new Source(jar, null));
      }
    }
  }

  @Override
  public synchronized void close() throws IOException {
    IOException failure = null;
    for (ZipFile jar : opened) {
      try {
        jar.close();
      } catch (IOException e) {
        failure = failure == null ? e : failure;
      }
    }
    opened.clear();
    index = new HashMap<>();
    if (failure != null) {
      throw failure;
    }
  }
}
