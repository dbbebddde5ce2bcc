package dev.udfshim.tooling;

import java.util.List;

/**
 * What the runtime-only deployment artifact is made of: the runtime alone, no UDF. The platform
 * operator builds it once and serves each user's UDF upload zip with it ({@code --udf-classpath}).
 *
 * @param runtimeJars shim-runtime and its dependencies, in class path order
 * @param classPathDigest an identity of every jar above, for the launcher's class-data archives
 */
public record RuntimeArchiveRequest(List<Jar> runtimeJars, String classPathDigest) {
  public RuntimeArchiveRequest {
    runtimeJars = List.copyOf(runtimeJars);
  }
}
