package dev.udfshim.tooling;

import java.nio.file.Path;

/** A jar with the coordinates Maven resolved it from. */
public record Jar(String groupId, String artifactId, String version, Path file) {

  /** {@code groupId:artifactId}: what "the same library" means when two class paths meet. */
  public String key() {
    return groupId + ":" + artifactId;
  }

  @Override
  public String toString() {
    return groupId + ":" + artifactId + ":" + version;
  }
}
