package dev.udfshim.maven.local;

import dev.udfshim.maven.fork.ForkOptions;
import dev.udfshim.maven.fork.ForkedServer;
import dev.udfshim.maven.isolation.IsolationException;
import dev.udfshim.maven.isolation.ProjectRuntimes;
import dev.udfshim.maven.project.ProjectContext;
import dev.udfshim.maven.resolution.RuntimeResolver;
import dev.udfshim.tooling.Jar;
import dev.udfshim.tooling.ServeLaunch;
import java.io.IOException;
import java.nio.file.Path;
import java.util.List;
import java.util.jar.Attributes;
import java.util.jar.JarFile;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;

/** Starts the runtime's serve for a local run, with the project's JVM settings. */
final class LocalFork {
  private LocalFork() {}

  static ForkedServer start(
      ProjectContext project,
      LocalGoal goal,
      List<Jar> runtime,
      ServeLaunch launch,
      Path argumentFile,
      Log log)
      throws MojoExecutionException {
    return start(project, goal, runtime, launch, argumentFile, log::info, null);
  }

  /** The same, its output into a file (null: Maven's console), its command line to the sink. */
  static ForkedServer start(
      ProjectContext project,
      LocalGoal goal,
      List<Jar> runtime,
      ServeLaunch launch,
      Path argumentFile,
      java.util.function.Consumer<String> log,
      Path output)
      throws MojoExecutionException {
    List<String> options;
    try {
      options = ForkOptions.splitArguments(goal.jvmArguments());
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
    try {
      return ForkedServer.start(
          new ForkOptions(
              ForkOptions.currentJava(),
              options,
              goal.systemProperties(),
              goal.environment(),
              goal.workingDirectory(),
              ProjectRuntimes.classPath(project, runtime),
              argumentFile),
          launch,
          mainClass(runtime),
          log,
          output);
    } catch (IsolationException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }

  /** The Main-Class of the runtime jar's manifest: what bin/shim and java -jar run. */
  static String mainClass(List<Jar> runtime) throws MojoExecutionException {
    Jar jar =
        runtime.stream()
            .filter(
                j ->
                    j.groupId().equals(RuntimeResolver.GROUP)
                        && j.artifactId().equals(RuntimeResolver.ARTIFACT))
            .findFirst()
            .orElseThrow(
                () -> new MojoExecutionException("The resolved runtime has no shim-runtime jar."));
    try (JarFile file = new JarFile(jar.file().toFile())) {
      String main =
          file.getManifest() == null
              ? null
              : file.getManifest().getMainAttributes().getValue(Attributes.Name.MAIN_CLASS);
      if (main == null) {
        throw new MojoExecutionException(
            jar.file()
                + " names no Main-Class; the plugin and shim-runtime versions must be equal.");
      }
      return main;
    } catch (IOException e) {
      throw new MojoExecutionException("Cannot read " + jar.file() + ": " + e.getMessage(), e);
    }
  }
}
