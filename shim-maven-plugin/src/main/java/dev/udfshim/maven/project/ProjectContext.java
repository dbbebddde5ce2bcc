package dev.udfshim.maven.project;

import dev.udfshim.maven.isolation.SessionRuntimes;
import dev.udfshim.tooling.Jar;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.repository.RemoteRepository;

/**
 * The Maven project a goal works on, and the build it is part of: what a goal's request carries
 * besides its parameters. Its inputs count through what it holds (classes, jars), not as a value.
 *
 * @param flinkVersion the Flink the shim runtime is to run on ({@code shim.flinkVersion}), or null
 *     for the one the project compiles against
 */
public record ProjectContext(MavenSession session, MavenProject project, String flinkVersion) {

  /** The project's runtime on the Flink it compiles against. */
  public ProjectContext(MavenSession session, MavenProject project) {
    this(session, project, null);
  }

  public RepositorySystemSession repositorySession() {
    return session.getRepositorySession();
  }

  public List<RemoteRepository> repositories() {
    return project.getRemoteProjectRepositories();
  }

  public Path localRepository() {
    return repositorySession().getLocalRepository().getBasedir().toPath();
  }

  public Path classesDirectory() {
    return Path.of(project.getBuild().getOutputDirectory());
  }

  public Path buildDirectory() {
    return Path.of(project.getBuild().getDirectory());
  }

  /** {@code groupId:artifactId:version}. */
  public String coordinates() {
    return project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion();
  }

  /** The key of the project's runtime among a build's: its coordinates and folder. */
  public String key() {
    return SessionRuntimes.projectKey(project);
  }

  /**
   * Every resolved dependency of the compile class path, {@code provided} ones included (those
   * resolved: the goals that read them ask for compile and runtime scope resolution).
   */
  public List<Artifact> compileClassPath() {
    List<Artifact> artifacts = new ArrayList<>();
    for (Artifact a : project.getArtifacts()) {
      if (Artifact.SCOPE_COMPILE.equals(a.getScope())
          || Artifact.SCOPE_PROVIDED.equals(a.getScope())
          || Artifact.SCOPE_SYSTEM.equals(a.getScope())) {
        artifacts.add(a);
      }
    }
    return artifacts;
  }

  /** The project's compile and runtime scope dependencies. */
  public List<Jar> dependencies() {
    List<Jar> jars = new ArrayList<>();
    for (Artifact a : project.getArtifacts()) {
      if (a.getFile() != null
          && a.getArtifactHandler().isAddedToClasspath()
          && (Artifact.SCOPE_COMPILE.equals(a.getScope())
              || Artifact.SCOPE_RUNTIME.equals(a.getScope()))) {
        jars.add(new Jar(a.getGroupId(), a.getArtifactId(), a.getVersion(), a.getFile().toPath()));
      }
    }
    return jars;
  }
}
