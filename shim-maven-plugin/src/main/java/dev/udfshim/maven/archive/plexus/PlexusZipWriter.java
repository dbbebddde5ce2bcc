package dev.udfshim.maven.archive.plexus;

import dev.udfshim.maven.archive.ZipWriter;
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
 *
 * <p>Loaded by {@link dev.udfshim.maven.archive.ZipWriters} in a class loader of its own, with
 * plexus-archiver: see there why.
 */
public final class PlexusZipWriter implements ZipWriter {

  @Override
  public int write(Path zip, ArchivePlan plan, Path workDirectory, Instant time)
      throws IOException {
    ZipArchiver archiver = new ZipArchiver();
    archiver.setDestFile(zip.toFile());
    archiver.setRecompressAddedZips(false);
    archiver.configureReproducibleBuild(FileTime.from(time));
    archiver.setForced(true);
    try {
      Files.deleteIfExists(zip);
      for (ArchivePlan.Entry entry : plan.entries()) {
        archiver.addFile(source(entry, workDirectory).toFile(), entry.path(), entry.mode());
      }
      archiver.createArchive();
    } catch (ArchiverException e) {
      throw new IOException("Cannot write " + zip + ": " + e.getMessage(), e);
    }
    return plan.entries().size();
  }

  /** An entry's file; one given as bytes is written under the work folder first. */
  private static Path source(ArchivePlan.Entry entry, Path workDirectory) throws IOException {
    if (entry.file() != null) {
      return entry.file();
    }
    Path file = workDirectory.resolve(entry.path());
    Files.createDirectories(file.getParent());
    Files.write(file, entry.content());
    return file;
  }
}
