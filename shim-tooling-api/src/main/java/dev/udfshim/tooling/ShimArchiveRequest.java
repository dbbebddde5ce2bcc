package dev.udfshim.tooling;

import java.nio.file.Path;
import java.util.List;

/**
 * What the deployable shim artifact is made of.
 *
 * @param shimDirectory the build's outputs (signatures and specs), see {@link BuildLayout}
 * @param udfJar the project's jar
 * @param runtimeJars shim-runtime and its dependencies, in class path order
 * @param udfDependencies the project's dependencies that the artifact ships
 * @param udfArtifact the project's {@code groupId:artifactId:version}
 * @param classPathDigest an identity of every jar above, for the launcher's class-data archives
 */
public record ShimArchiveRequest(
    Path shimDirectory,
    Path udfJar,
    List<Jar> runtimeJars,
    List<Jar> udfDependencies,
    String udfArtifact,
    String classPathDigest) {
  public ShimArchiveRequest {
    runtimeJars = List.copyOf(runtimeJars);
    udfDependencies = List.copyOf(udfDependencies);
  }
}
