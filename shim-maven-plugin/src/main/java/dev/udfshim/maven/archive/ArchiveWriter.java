package dev.udfshim.maven.archive;

import dev.udfshim.tooling.ArchivePlan;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import org.codehaus.plexus.archiver.ArchiverException;
import org.codehaus.plexus.archiver.zip.ZipArchiver;

/**
 * Writes a zip from the runtime's plan with plexus-archiver, reproducibly: the entries in the
 * plan's sorted order, every one (and every folder, which gets an entry of its own) with the same
 * time, written as that time's UTC wall clock in every time zone, and the plan's modes. Jars are
 * compressed already, so they are stored as they are; the rest is deflated.
 */
public final class ArchiveWriter {
  private final Path workDirectory;
  private final FileTime time;

  /**
   * @param workDirectory where entries given as bytes are written before they are zipped
   * @param time the time of every entry
   */
  public ArchiveWriter(Path workDirectory, Instant time) {
    this.workDirectory = workDirectory;
    this.time = FileTime.from(time);
  }

  /** Writes the zip; returns its number of files. */
  public int write(Path zip, ArchivePlan plan) throws IOException {
    ZipArchiver archiver = new ZipArchiver();
    archiver.setDestFile(zip.toFile());
    archiver.setRecompressAddedZips(false);
    archiver.configureReproducibleBuild(time);
    archiver.setForced(true);
    try {
      Files.deleteIfExists(zip);
      for (ArchivePlan.Entry entry : plan.entries()) {
        archiver.addFile(source(entry).toFile(), entry.path(), entry.mode());
      }
      archiver.createArchive();
    } catch (ArchiverException e) {
      throw new IOException("Cannot write " + zip + ": " + e.getMessage(), e);
    }
    return plan.entries().size();
  }

  private Path source(ArchivePlan.Entry entry) throws IOException {
    if (entry.file() != null) {
      return entry.file();
    }
    Path file = workDirectory.resolve(entry.path());
    Files.createDirectories(file.getParent());
    Files.write(file, entry.content());
    return file;
  }
}
