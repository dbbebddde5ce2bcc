package dev.udfshim.maven.isolation;

import java.nio.file.Path;

/** A jar on a class path, with the coordinates it was resolved from. */
public record ResolvedJar(String groupId, String artifactId, String version, Path file) {

  /** {@code groupId:artifactId}: what "the same library" means when two class paths meet. */
  public String key() {
    return groupId + ":" + artifactId;
  }

  @Override
  public String toString() {
    return groupId + ":" + artifactId + ":" + version;
  }
}
