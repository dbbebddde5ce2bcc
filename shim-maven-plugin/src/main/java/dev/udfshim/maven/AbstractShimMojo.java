package dev.udfshim.maven;

import dev.udfshim.maven.isolation.ClassPaths;
import dev.udfshim.maven.isolation.IsolatedRuntime;
import dev.udfshim.maven.isolation.ResolvedJar;
import java.io.File;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.apache.maven.artifact.Artifact;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.RepositorySystemSession;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * What every goal that builds on the shim runtime shares: the project, the runtime, the folders.
 */
abstract class AbstractShimMojo extends AbstractMojo {
  static final String RUNTIME_GROUP = "dev.udfshim";
  static final String RUNTIME_ARTIFACT = "shim-runtime";
  static final String BUILD_TOOLS = "dev.udfshim.runtime.tooling.BuildTools";

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  @Parameter(defaultValue = "${repositorySystemSession}", readonly = true, required = true)
  protected RepositorySystemSession repositorySession;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  protected MavenSession session;

  /**
   * Folder of the build's shim outputs: {@code signatures.json}, {@code scp_config/} and the files
   * the archive is assembled from.
   */
  @Parameter(
      property = "shim.directory",
      defaultValue = "${project.build.directory}/shim",
      required = true)
  protected File shimDirectory;

  /** Skip every goal of this plugin. */
  @Parameter(property = "shim.skip", defaultValue = "false")
  protected boolean skip;

  protected final RepositorySystem repositorySystem;

  protected AbstractShimMojo(RepositorySystem repositorySystem) {
    this.repositorySystem = repositorySystem;
  }

  protected Path signaturesFile() {
    return shimDirectory.toPath().resolve("signatures.json");
  }

  protected Path configDirectory() {
    return shimDirectory.toPath().resolve("scp_config");
  }

  /** shim-runtime at this plugin's version and its runtime dependencies, resolved by Maven. */
  protected List<ResolvedJar> runtimeJars() throws MojoExecutionException {
    return SessionRuntimes.runtimeJars(
        session,
        getLog(),
        project.getRemoteProjectRepositories().toString(),
        () -> Incremental.recordedRuntime(this, this::resolveRuntime));
  }

  private List<ResolvedJar> resolveRuntime() throws MojoExecutionException {
    String version = PluginVersions.shim();
    CollectRequest collect =
        new CollectRequest(
            new Dependency(
                new DefaultArtifact(RUNTIME_GROUP, RUNTIME_ARTIFACT, "jar", version), "runtime"),
            project.getRemoteProjectRepositories());
    List<ResolvedJar> jars = new ArrayList<>();
    try {
      for (ArtifactResult result :
          repositorySystem
              .resolveDependencies(repositorySession, new DependencyRequest(collect, null))
              .getArtifactResults()) {
        org.eclipse.aether.artifact.Artifact a = result.getArtifact();
        jars.add(
            new ResolvedJar(
                a.getGroupId(), a.getArtifactId(), a.getVersion(), a.getFile().toPath()));
      }
    } catch (DependencyResolutionException e) {
      throw new MojoExecutionException(
          "Cannot resolve "
              + RUNTIME_GROUP
              + ":"
              + RUNTIME_ARTIFACT
              + ":"
              + version
              + " and its dependencies ("
              + e.getMessage()
              + "); check that the repositories of this project can serve it.",
          e);
    }
    return jars;
  }

  /** The project's compile and runtime scope dependencies. */
  protected List<ResolvedJar> projectJars() {
    List<ResolvedJar> jars = new ArrayList<>();
    for (Artifact a : project.getArtifacts()) {
      if (a.getFile() != null
          && a.getArtifactHandler().isAddedToClasspath()
          && (Artifact.SCOPE_COMPILE.equals(a.getScope())
              || Artifact.SCOPE_RUNTIME.equals(a.getScope()))) {
        jars.add(
            new ResolvedJar(
                a.getGroupId(), a.getArtifactId(), a.getVersion(), a.getFile().toPath()));
      }
    }
    return jars;
  }

  /** Runtime first, then the project's classes and the dependencies the shim does not provide. */
  protected List<Path> classPath(List<ResolvedJar> runtime) {
    List<Path> classPath = new ArrayList<>();
    runtime.forEach(jar -> classPath.add(jar.file()));
    classPath.add(Path.of(project.getBuild().getOutputDirectory()));
    ClassPaths.split(projectJars(), runtime).shipped().forEach(jar -> classPath.add(jar.file()));
    return classPath;
  }

  /** The project's runtime shared by the goals of this build; not to be closed by the caller. */
  protected IsolatedRuntime sharedRuntime(List<Path> classPath, String classesDigest)
      throws IOException {
    return SessionRuntimes.of(session, getLog())
        .get(SessionRuntimes.projectKey(project), classPath, classesDigest);
  }
}
