package dev.udfshim.maven.archive;

import dev.udfshim.tooling.ArchivePlan;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;

/** Writes a zip from a plan: the one thing the plugin asks of plexus-archiver. */
public interface ZipWriter {

  /**
   * Writes the zip; returns its number of files.
   *
   * @param workDirectory where entries given as bytes are written before they are zipped
   * @param time the time of every entry
   */
  int write(Path zip, ArchivePlan plan, Path workDirectory, Instant time) throws IOException;
}
