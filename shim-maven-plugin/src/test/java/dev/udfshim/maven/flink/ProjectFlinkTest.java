package dev.udfshim.maven.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.udfshim.maven.project.ProjectContext;
import java.util.LinkedHashSet;
import java.util.Set;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.Test;

class ProjectFlinkTest {
  private final ProjectFlink flink = new ProjectFlink();

  private static Artifact artifact(String group, String id, String version, String scope) {
    return new DefaultArtifact(
        group, id, version, scope, "jar", "", new DefaultArtifactHandler("jar"));
  }

  private static ProjectContext project(String override, Artifact... artifacts) {
    MavenProject project = new MavenProject();
    project.setArtifacts(new LinkedHashSet<>(Set.of(artifacts)));
    return new ProjectContext(null, project, override);
  }

  @Test
  void theVersionOfFlinksTableApiTheProjectCompilesAgainst() throws Exception {
    ProjectFlink.Choice choice =
        flink.of(
            project(
                null,
                artifact("org.apache.flink", "flink-table-api-java", "1.20.3", "provided"),
                artifact("org.apache.flink", "flink-table-common", "1.20.3", "provided"),
                artifact("org.apache.flink", "flink-connector-kafka", "3.3.0-1.20", "provided"),
                artifact("org.apache.flink", "flink-table-planner_2.12", "2.0.1", "test")));
    assertThat(choice.version().text()).isEqualTo("1.20.3");
    assertThat(choice.source()).isEqualTo("flink-table-common");
  }

  @Test
  void withoutFlinkTheShimsDefault() throws Exception {
    assertThat(flink.of(project(null)).version()).isEqualTo(SupportedFlink.defaultVersion());
  }

  @Test
  void shimFlinkVersionWinsOverTheProjects() throws Exception {
    assertThat(
            flink
                .of(
                    project(
                        "1.20.3",
                        artifact("org.apache.flink", "flink-table-common", "2.3.0", "provided")))
                .version()
                .text())
        .isEqualTo("1.20.3");
  }

  @Test
  void twoFlinksAreOneSentence() {
    assertThatThrownBy(
            () ->
                flink.of(
                    project(
                        null,
                        artifact("org.apache.flink", "flink-table-common", "1.20.3", "provided"),
                        artifact("org.apache.flink", "flink-core", "2.0.1", "provided"))))
        .isInstanceOf(MojoFailureException.class)
        .hasMessage(
            "The project compiles against more than one Flink: flink-table-common 1.20.3, but"
                + " flink-core 2.0.1; declare every Flink artifact at one version (e.g. all at"
                + " ${flink.version}), since the shim runs the UDFs on one Flink.");
  }

  @Test
  void aVersionOutsideTheRangeNamesTheRange() {
    assertThatThrownBy(
            () ->
                flink.of(
                    project(
                        null,
                        artifact("org.apache.flink", "flink-table-common", "1.19.1", "provided"))))
        .isInstanceOf(MojoFailureException.class)
        .hasMessage(
            "Flink 1.19.1 (flink-table-common) is not one the shim runs UDFs on: it supports Flink"
                + " 1.20, 2.0, 2.1, 2.2 and 2.3; compile against one of those, e.g. 2.3.0.");
    assertThatThrownBy(() -> flink.of(project("three")))
        .isInstanceOf(MojoFailureException.class)
        .hasMessageStartingWith("shim.flinkVersion 'three' is not a Flink version;");
  }

  @Test
  void versionsAreReadByLine() {
    assertThat(FlinkVersion.parse("2.1-SNAPSHOT").orElseThrow().line()).isEqualTo("2.1");
    assertThat(FlinkVersion.parse("1.20.3").orElseThrow().line()).isEqualTo("1.20");
    assertThat(FlinkVersion.parse("x")).isEmpty();
    assertThat(SupportedFlink.supports(FlinkVersion.parse("1.20.5").orElseThrow())).isTrue();
    assertThat(SupportedFlink.supports(FlinkVersion.parse("2.4.0").orElseThrow())).isFalse();
  }
}
