package dev.udfshim.it;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Enumeration;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;

/** The shim zip of a sample project that the invoker built, unzipped as a user would. */
final class ShimZip {
  private ShimZip() {}

  /** The zip {@code <project>/target/<file>} of an invoker scenario. */
  static Path built(String project, String file) {
    return Path.of(System.getProperty("shim.it.projects"), project, "target", file);
  }

  /** Unzips into {@code target}, keeping the executable bit of the zip's unix modes. */
  static Path unzip(Path zip, Path target) throws Exception {
    if (!Files.isRegularFile(zip)) {
      throw new IllegalStateException(zip + " is missing: the invoker scenario did not build it");
    }
    try (ZipFile file = ZipFile.builder().setPath(zip).get()) {
      Enumeration<ZipArchiveEntry> entries = file.getEntries();
      while (entries.hasMoreElements()) {
        ZipArchiveEntry entry = entries.nextElement();
        Path path = target.resolve(entry.getName());
        if (entry.isDirectory()) {
          Files.createDirectories(path);
          continue;
        }
        Files.createDirectories(path.getParent());
        try (InputStream in = file.getInputStream(entry)) {
          Files.copy(in, path);
        }
        // As unzip does: the zip's unix mode decides what is executable.
        path.toFile().setExecutable((entry.getUnixMode() & 0100) != 0);
      }
    }
    return target;
  }
}
