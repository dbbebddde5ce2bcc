package dev.udfshim.maven.flink;

import dev.udfshim.maven.project.ProjectContext;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoFailureException;

/**
 * The Flink a project's shim runtime runs on: {@code shim.flinkVersion} when set, else the version
 * of Flink's table API the project compiles against, else (a project without Flink on its compile
 * class path, e.g. one whose UDFs come from a dependency) the runtime's own default. Refused, with
 * one sentence, when the project's Flink artifacts disagree or the version is not a supported one.
 */
@Named
@Singleton
public final class ProjectFlink {
  private static final String GROUP = "org.apache.flink";

  /**
   * Flink's artifacts that a UDF compiles against and that ship in one release, one version for
   * all; the first one present names the project's version. Connectors and flink-shaded have
   * versions of their own and are left out.
   */
  static final List<String> API =
      List.of(
          "flink-table-common",
          "flink-table-api-java",
          "flink-table-api-java-bridge",
          "flink-table-api-bridge-base",
          "flink-table-runtime",
          "flink-core",
          "flink-core-api",
          "flink-annotations",
          "flink-streaming-java",
          "flink-runtime");

  private static final Set<String> API_SET = Set.copyOf(API);

  /** The Flink to resolve the project's runtime with, and where that version comes from. */
  public record Choice(FlinkVersion version, String source) {}

  public Choice of(ProjectContext project) throws MojoFailureException {
    Optional<Choice> compiled = compiledAgainst(project.compileClassPath());
    if (project.flinkVersion() != null && !project.flinkVersion().isBlank()) {
      FlinkVersion chosen =
          FlinkVersion.parse(project.flinkVersion())
              .orElseThrow(
                  () ->
                      new MojoFailureException(
                          "shim.flinkVersion '"
                              + project.flinkVersion()
                              + "' is not a Flink version; set it to one such as "
                              + SupportedFlink.defaultVersion()
                              + ", or leave it out to use the Flink the project compiles"
                              + " against."));
      return supported(new Choice(chosen, "shim.flinkVersion"));
    }
    return supported(
        compiled.orElse(
            new Choice(SupportedFlink.defaultVersion(), "the shim's default: no Flink declared")));
  }

  /**
   * The version of Flink's API on the compile class path; a sentence when its artifacts disagree.
   */
  static Optional<Choice> compiledAgainst(List<Artifact> compileClassPath)
      throws MojoFailureException {
    Map<String, String> versions = new LinkedHashMap<>();
    for (String artifactId : API) {
      for (Artifact a : compileClassPath) {
        if (a.getGroupId().equals(GROUP) && a.getArtifactId().equals(artifactId)) {
          versions.put(artifactId, a.getVersion());
        }
      }
    }
    if (versions.isEmpty()) {
      return Optional.empty();
    }
    Map.Entry<String, String> first = versions.entrySet().iterator().next();
    List<String> others = new ArrayList<>();
    versions.forEach(
        (artifactId, version) -> {
          if (!version.equals(first.getValue())) {
            others.add(artifactId + " " + version);
          }
        });
    if (!others.isEmpty()) {
      throw new MojoFailureException(
          "The project compiles against more than one Flink: "
              + first.getKey()
              + " "
              + first.getValue()
              + ", but "
              + SupportedFlink.and(others)
              + "; declare every Flink artifact at one version (e.g. all at ${flink.version}),"
              + " since the shim runs the UDFs on one Flink.");
    }
    FlinkVersion version =
        FlinkVersion.parse(first.getValue())
            .orElseThrow(
                () ->
                    new MojoFailureException(
                        "The project's "
                            + first.getKey()
                            + " has version '"
                            + first.getValue()
                            + "', which is not a Flink version the shim can read; use a Flink"
                            + " release such as "
                            + SupportedFlink.defaultVersion()
                            + "."));
    return Optional.of(new Choice(version, first.getKey()));
  }

  /** Whether an artifact is one of Flink's API artifacts that share the release's version. */
  public static boolean isFlinkApi(String groupId, String artifactId) {
    return groupId.equals(GROUP) && API_SET.contains(artifactId);
  }

  private static Choice supported(Choice choice) throws MojoFailureException {
    if (!SupportedFlink.supports(choice.version())) {
      throw new MojoFailureException(
          "Flink "
              + choice.version()
              + " ("
              + choice.source()
              + ") is not one the shim runs UDFs on: it supports Flink "
              + SupportedFlink.lines()
              + "; compile against one of those, e.g. "
              + SupportedFlink.versions().get(SupportedFlink.versions().size() - 1)
              + ".");
    }
    return choice;
  }
}
