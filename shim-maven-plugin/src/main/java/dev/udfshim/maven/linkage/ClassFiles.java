package dev.udfshim.maven.linkage;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * The class files of a class path (jars and class folders) by internal name, the first entry that
 * has a class winning, as a class loader finds them: each jar is opened on first use and asked for
 * the entry by name, never listed whole (the runtime's jars hold some 100,000 entries). Close it to
 * let the jars go.
 */
final class ClassFiles implements AutoCloseable {
  private static final String SUFFIX = ".class";

  private final List<Path> entries;
  private final boolean[] folders;
  private final List<ZipFile> jars;

  ClassFiles(List<Path> entries) {
    this.entries = List.copyOf(entries);
    this.folders = new boolean[entries.size()];
    for (int i = 0; i < folders.length; i++) {
      folders[i] = Files.isDirectory(entries.get(i));
    }
    this.jars = new ArrayList<>(Collections.nCopies(entries.size(), null));
  }

  /** Internal names of every class, in class path order (for the classes that are checked). */
  synchronized List<String> names() {
    Set<String> names = new LinkedHashSet<>();
    for (int i = 0; i < entries.size(); i++) {
      Path entry = entries.get(i);
      if (Files.isDirectory(entry)) {
        try (Stream<Path> files = Files.walk(entry)) {
          files
              .filter(f -> f.getFileName().toString().endsWith(SUFFIX) && Files.isRegularFile(f))
              .map(f -> entry.relativize(f).toString().replace('\\', '/'))
              .sorted()
              .forEach(name -> add(names, name));
        } catch (IOException e) {
          throw new UncheckedIOException("Cannot list the classes of " + entry, e);
        }
      } else if (jar(i) != null) {
        jar(i).stream().map(ZipEntry::getName).forEach(name -> add(names, name));
      }
    }
    return List.copyOf(names);
  }

  /** Class files only: not multi-release variants (META-INF/versions/...), nor module-info. */
  private static void add(Set<String> names, String file) {
    if (file.endsWith(SUFFIX) && !file.startsWith("META-INF/") && !file.endsWith("-info.class")) {
      names.add(file.substring(0, file.length() - SUFFIX.length()));
    }
  }

  /** The class file, when the class path holds it. */
  synchronized Optional<byte[]> bytes(String internalName) {
    String file = internalName + SUFFIX;
    try {
      for (int i = 0; i < entries.size(); i++) {
        if (folders[i]) {
          Path candidate = entries.get(i).resolve(file);
          if (Files.isRegularFile(candidate)) {
            return Optional.of(Files.readAllBytes(candidate));
          }
        } else {
          ZipFile jar = jar(i);
          ZipEntry found = jar == null ? null : jar.getEntry(file);
          if (found != null) {
            try (InputStream in = jar.getInputStream(found)) {
              return Optional.of(in.readAllBytes());
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read class " + internalName, e);
    }
    return Optional.empty();
  }

  /**
   * The jar, opened on first use; null for an entry that is not there (as a class loader skips it).
   */
  private ZipFile jar(int index) {
    ZipFile jar = jars.get(index);
    if (jar == null && Files.isRegularFile(entries.get(index))) {
      try {
        jar = new ZipFile(entries.get(index).toFile());
      } catch (IOException e) {
        throw new UncheckedIOException("Cannot open " + entries.get(index), e);
      }
      jars.set(index, jar);
    }
    return jar;
  }

  @Override
  public synchronized void close() throws IOException {
    IOException failure = null;
    for (int i = 0; i < jars.size(); i++) {
      ZipFile jar = jars.get(i);
      if (jar != null) {
        try {
          jar.close();
        } catch (IOException e) {
          failure = failure == null ? e : failure;
        }
        jars.set(i, null);
      }
    }
    if (failure != null) {
      throw failure;
    }
  }
}
