package dev.udfshim.maven.isolation;

import dev.udfshim.tooling.Jar;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** How the project's runtime dependencies meet the shim runtime's. */
public final class ClassPaths {
  private ClassPaths() {}

  /**
   * The project's dependencies split into what it ships and what the shim already provides: every
   * {@code org.apache.flink} artifact (the shim provides Flink's table API) and every library the
   * runtime itself resolves to.
   */
  public record Split(List<Jar> shipped, List<Jar> providedFlink, List<Jar> providedOther) {}

  public static Split split(List<Jar> project, List<Jar> runtime) {
    Set<String> runtimeKeys = runtime.stream().map(Jar::key).collect(Collectors.toSet());
    List<Jar> shipped = new ArrayList<>();
    List<Jar> flink = new ArrayList<>();
    List<Jar> other = new ArrayList<>();
    for (Jar jar : project) {
      if (jar.groupId().equals("org.apache.flink")) {
        flink.add(jar);
      } else if (runtimeKeys.contains(jar.key())) {
        other.add(jar);
      } else {
        shipped.add(jar);
      }
    }
    return new Split(List.copyOf(shipped), List.copyOf(flink), List.copyOf(other));
  }
}
