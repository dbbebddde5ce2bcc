package dev.udfshim.runtime.cli;

import dev.udfshim.runtime.server.ServerProcess;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.DirectoryStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Enumeration;
import java.util.List;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/**
 * A UDF upload zip (jars at its root, as {@code mvn package} writes {@code <finalName>-udf.zip} and
 * the platform takes it) as class path entries: a class loader cannot read a jar inside a zip, so
 * its jars are unpacked into a folder of this process under the temp folder. The folder goes when
 * the process ends normally; one left by a process that was killed goes at the next start.
 */
final class UdfZip {
  private static final String PREFIX = "shim-udf-";

  private UdfZip() {}

  /** Whether the file is a zip to unpack rather than a jar to load from. */
  static boolean isUploadZip(Path file) {
    return file.getFileName().toString().toLowerCase(java.util.Locale.ROOT).endsWith(".zip");
  }

  /** The jars of the zip, unpacked, in name order. */
  static List<Path> unpack(Path zip) {
    Path temp = Path.of(System.getProperty("java.io.tmpdir"));
    removeLeftovers(temp);
    List<Path> jars = new ArrayList<>();
    try (ZipFile file = new ZipFile(zip.toFile())) {
      Path folder = Files.createTempDirectory(temp, PREFIX + ProcessHandle.current().pid() + "-");
      Runtime.getRuntime().addShutdownHook(new Thread(() -> delete(folder), "shim-udf-cleanup"));
      ServerProcess.beforeHalt(() -> delete(folder));
      Enumeration<? extends ZipEntry> entries = file.entries();
      while (entries.hasMoreElements()) {
        ZipEntry entry = entries.nextElement();
        String name = entry.getName();
        // jars at any depth, each under its own name: never a path out of the folder
        String base = name.substring(name.lastIndexOf('/') + 1);
        if (entry.isDirectory() || !base.endsWith(".jar") || base.startsWith(".")) {
          continue;
        }
        Path jar = folder.resolve(base);
        if (Files.exists(jar)) {
          jar = folder.resolve(jars.size() + "-" + base);
        }
        try (InputStream in = file.getInputStream(entry)) {
          Files.copy(in, jar, StandardCopyOption.REPLACE_EXISTING);
        }
        jars.add(jar);
      }
    } catch (IOException e) {
      throw new IllegalArgumentException(
          "UDF class path entry "
              + zip
              + " is not a readable zip ("
              + e.getMessage()
              + "); pass the UDF upload zip, its jars, or a folder of them.",
          e);
    }
    if (jars.isEmpty()) {
      throw new IllegalArgumentException(
          "UDF class path entry "
              + zip
              + " holds no jar; pass the UDF upload zip (`mvn package` writes"
              + " target/<name>-udf.zip), its jars, or a folder of them.");
    }
    jars.sort(Comparator.comparing(Path::getFileName));
    return jars;
  }

  /** The folders of processes that no longer run (a SIGKILL skips the shutdown hook). */
  private static void removeLeftovers(Path temp) {
    try (DirectoryStream<Path> folders = Files.newDirectoryStream(temp, PREFIX + "*")) {
      for (Path folder : folders) {
        String rest = folder.getFileName().toString().substring(PREFIX.length());
        int dash = rest.indexOf('-');
        if (dash <= 0) {
          continue;
        }
        try {
          long pid = Long.parseLong(rest.substring(0, dash));
          if (ProcessHandle.of(pid).map(p -> !p.isAlive()).orElse(true)) {
            delete(folder);
          }
        } catch (NumberFormatException e) {
          // not one of ours
        }
      }
    } catch (IOException | UncheckedIOException e) {
      // another user's folder, or none: nothing to clean
    }
  }

  private static void delete(Path folder) {
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.deleteIfExists(file);
      }
    } catch (IOException | UncheckedIOException e) {
      // best effort: the next start removes what is left
    }
  }
}
