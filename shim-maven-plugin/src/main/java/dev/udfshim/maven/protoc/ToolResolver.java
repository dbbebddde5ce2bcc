package dev.udfshim.maven.protoc;

import java.nio.file.Path;

/** Finds a native tool published as a Maven artifact ({@code group:artifact:exe:classifier}). */
@FunctionalInterface
public interface ToolResolver {
  Path resolve(String groupId, String artifactId, String version, String classifier)
      throws ProtocException;
}
