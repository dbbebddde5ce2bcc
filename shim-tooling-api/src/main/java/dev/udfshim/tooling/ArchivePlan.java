package dev.udfshim.tooling;

import java.nio.file.Path;
import java.util.List;

/**
 * The entries of a zip, sorted by path: what goes where, from a file or from bytes, with which Unix
 * mode. Folders are not listed; the writer gives each folder an entry of its own.
 */
public record ArchivePlan(List<Entry> entries) {
  public ArchivePlan {
    entries = List.copyOf(entries);
  }

  /**
   * One file of the zip.
   *
   * @param path its path in the zip, with '/' between folders
   * @param file where its content is, or null when {@code content} holds it
   * @param content its bytes, or null when {@code file} holds them
   * @param mode its Unix permissions, e.g. {@code 0644}
   */
  // a carrier, never compared: the plugin writes the bytes as they are
  @SuppressWarnings("ArrayRecordComponent")
  public record Entry(String path, Path file, byte[] content, int mode) {
    public static Entry ofFile(String path, Path file, int mode) {
      return new Entry(path, file, null, mode);
    }

    public static Entry ofBytes(String path, byte[] content, int mode) {
      return new Entry(path, null, content.clone(), mode);
    }
  }
}
