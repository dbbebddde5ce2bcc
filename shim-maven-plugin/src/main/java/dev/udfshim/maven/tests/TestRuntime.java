package dev.udfshim.maven.tests;

import dev.udfshim.maven.incremental.Incremental;
import dev.udfshim.maven.incremental.InputDigest;
import dev.udfshim.maven.isolation.IsolatedRuntime;
import dev.udfshim.maven.isolation.IsolationException;
import dev.udfshim.maven.isolation.ProjectRuntimes;
import dev.udfshim.maven.project.ProjectContext;
import dev.udfshim.maven.resolution.RuntimeResolver;
import dev.udfshim.tooling.BuildLayout;
import dev.udfshim.tooling.Jar;
import dev.udfshim.tooling.ToolingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Properties;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * Makes the project's tests run on exactly the runtime its shim artifact ships, as jacoco's
 * prepare-agent sets {@code argLine}: it sets surefire's (and failsafe's) user properties {@code
 * maven.test.dependency.excludes} and {@code maven.test.additionalClasspath}, so the jars the test
 * class path has from shim-runtime's own POM (a Flink of the shim's default version) and every
 * other copy of a runtime library give way to the runtime resolved with the project's Flink. A
 * class folder with a file naming that Flink goes first, and UdfTester checks its class path
 * against it.
 */
@Named
@Singleton
public final class TestRuntime {
  /** Surefire's and failsafe's user property of {@code classpathDependencyExcludes}. */
  public static final String EXCLUDES = "maven.test.dependency.excludes";

  /** Surefire's and failsafe's user property of {@code additionalClasspathElements}. */
  public static final String ADDITIONAL = "maven.test.additionalClasspath";

  private static final String RUNTIME_KEY = RuntimeResolver.GROUP + ":" + RuntimeResolver.ARTIFACT;

  private final RuntimeResolver resolver;
  private final ProjectRuntimes runtimes;
  private final Incremental incremental;

  @Inject
  public TestRuntime(RuntimeResolver resolver, ProjectRuntimes runtimes, Incremental incremental) {
    this.resolver = resolver;
    this.runtimes = runtimes;
    this.incremental = incremental;
  }

  public void prepare(TestsGoal goal, Log log) throws MojoExecutionException, MojoFailureException {
    ProjectContext project = goal.project();
    List<Artifact> testClassPath = new ArrayList<>(project.project().getArtifacts());
    if (testClassPath.stream().noneMatch(a -> key(a).equals(RUNTIME_KEY))) {
      log.debug("No shim runtime on the test class path (no shim-test): nothing to prepare.");
      return;
    }
    RuntimeResolver.ResolvedRuntime runtime = resolver.runtime(project, log);
    Set<String> runtimeKeys = new LinkedHashSet<>();
    runtime.jars().forEach(jar -> runtimeKeys.add(jar.key()));
    Set<String> excluded = new LinkedHashSet<>();
    List<String> replaced = new ArrayList<>();
    for (Artifact a : testClassPath) {
      if (runtimeKeys.contains(key(a)) || fromRuntime(a)) {
        excluded.add(key(a));
        runtime.jars().stream()
            .filter(
                jar ->
                    jar.key().equals(key(a))
                        && jar.groupId().equals("org.apache.flink")
                        && !jar.version().equals(a.getVersion()))
            .findFirst()
            .ifPresent(jar -> replaced.add(a.getArtifactId() + " " + a.getVersion()));
      }
    }
    BuildLayout layout;
    try (IsolatedRuntime isolated = runtimes.runtimeOnly(runtime.jars())) {
      layout =
          incremental.layout(
              goal.shimDirectory(),
              new InputDigest(project.localRepository())
                  .files(Incremental.RUNTIME, runtime.jars().stream().map(Jar::file).toList())
                  .digest(Incremental.RUNTIME),
              isolated);
      Files.createDirectories(layout.testFlinkFile().getParent());
      Files.writeString(
          layout.testFlinkFile(), runtime.flink().text() + "\n", StandardCharsets.UTF_8);
    } catch (IOException | IsolationException | ToolingException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
    List<String> additional = new ArrayList<>();
    additional.add(layout.testClassPathDirectory().toString());
    runtime.jars().forEach(jar -> additional.add(jar.file().toString()));
    Properties properties = project.project().getProperties();
    append(properties, EXCLUDES, excluded);
    append(properties, ADDITIONAL, additional);
    log.info(
        "Tests run on the shim runtime with Flink "
            + runtime.flink()
            + " ("
            + runtime.jars().size()
            + " jars"
            + (replaced.isEmpty()
                ? ""
                : "; in place of the test class path's " + String.join(", ", replaced))
            + ").");
  }

  /** What the test class path has through shim-runtime's own POM. */
  private static boolean fromRuntime(Artifact a) {
    List<String> trail = a.getDependencyTrail();
    return trail != null && trail.stream().anyMatch(t -> t.startsWith(RUNTIME_KEY + ":"));
  }

  private static String key(Artifact a) {
    return a.getGroupId() + ":" + a.getArtifactId();
  }

  /** Keeps what the property already holds (another plugin's, or the pom's), and adds ours. */
  private static void append(Properties properties, String name, Iterable<String> values) {
    List<String> all = new ArrayList<>();
    String existing = properties.getProperty(name);
    if (existing != null && !existing.isBlank()) {
      all.add(existing.strip());
    }
    values.forEach(all::add);
    properties.setProperty(name, String.join(",", all));
  }
}
