package dev.udfshim.tooling;

import java.nio.file.Path;
import java.util.List;

/**
 * What the UDF-only upload zip is made of.
 *
 * @param udfJar the project's jar
 * @param udfDependencies the project's dependencies that the artifact ships
 */
public record UdfArchiveRequest(Path udfJar, List<Jar> udfDependencies) {
  public UdfArchiveRequest {
    udfDependencies = List.copyOf(udfDependencies);
  }
}
