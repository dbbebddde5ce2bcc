package dev.udfshim.maven.project;

import dev.udfshim.maven.PluginVersions;
import java.util.Optional;
import org.apache.maven.model.Dependency;
import org.apache.maven.model.Plugin;
import org.apache.maven.project.MavenProject;

/**
 * Whether the project's tests will run: JUnit 5 tests (UdfTester's, say) need maven-surefire-plugin
 * 2.22.0 or later, and Maven 3.8's default, 2.12.4, finds no test in them, reports "Tests run: 0"
 * and lets the build pass.
 */
public final class TestRunner {
  private static final String SUREFIRE = "org.apache.maven.plugins:maven-surefire-plugin";
  private static final int[] FIRST_WITH_JUNIT5 = {2, 22, 0};

  private TestRunner() {}

  /** One line naming the cause and the fix, when the project's JUnit 5 tests would not run. */
  public static Optional<String> warning(MavenProject project) {
    if (!usesJUnit5(project)) {
      return Optional.empty();
    }
    Plugin surefire = project.getPlugin(SUREFIRE);
    String version = surefire == null ? null : surefire.getVersion();
    if (version == null || !before(version, FIRST_WITH_JUNIT5)) {
      return Optional.empty();
    }
    return Optional.of(
        "The JUnit 5 tests of "
            + project.getArtifactId()
            + " will not run: maven-surefire-plugin "
            + version
            + (project.getOriginalModel().getBuild() == null
                    || project.getOriginalModel().getBuild().getPlugins().stream()
                        .noneMatch(p -> p.getArtifactId().equals(surefire.getArtifactId()))
                ? " (Maven's default, as the pom names none)"
                : "")
            + " runs JUnit 5 only from 2.22.0, so the build reports \"Tests run: 0\" and passes;"
            + " pin maven-surefire-plugin to "
            + PluginVersions.all().get("maven-surefire-plugin.version")
            + " in <build><plugins>.");
  }

  private static boolean usesJUnit5(MavenProject project) {
    for (Dependency dependency : project.getDependencies()) {
      if (dependency.getGroupId().equals("org.junit.jupiter")) {
        return true;
      }
    }
    return false;
  }

  /** Whether a version such as 2.12.4 or 3.0.0-M5 is before the given one. */
  static boolean before(String version, int[] than) {
    String[] parts = version.split("[.-]", -1);
    for (int i = 0; i < than.length; i++) {
      int part;
      try {
        part = i < parts.length ? Integer.parseInt(parts[i]) : 0;
      } catch (NumberFormatException e) {
        return false; // a version we cannot read: no claim about it
      }
      if (part != than[i]) {
        return part < than[i];
      }
    }
    return false;
  }
}
