package dev.udfshim.maven.protoc;

import java.nio.file.Path;

/** Finds the tools protoc needs, published as Maven artifacts. */
public interface ToolResolver {
  /** A native executable, {@code group:artifact:exe:classifier:version}. */
  Path resolve(String groupId, String artifactId, String version, String classifier)
      throws ProtocException;

  /** A plain jar, {@code group:artifact:jar:version}. */
  Path resolveJar(String groupId, String artifactId, String version) throws ProtocException;
}
