package dev.udfshim.maven.resolution;

import dev.udfshim.maven.PluginVersions;
import dev.udfshim.maven.incremental.InputDigest;
import dev.udfshim.maven.isolation.SessionRuntimes;
import dev.udfshim.maven.project.ProjectContext;
import dev.udfshim.tooling.Jar;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/** shim-runtime at this plugin's version and its runtime dependencies, as Maven resolves them. */
@Named
@Singleton
public final class RuntimeResolver {
  public static final String GROUP = "dev.udfshim";
  public static final String ARTIFACT = "shim-runtime";
  private static final String PLUGIN = "plugin";

  private final RepositorySystem system;

  @Inject
  public RuntimeResolver(RepositorySystem system) {
    this.system = system;
  }

  /**
   * The runtime's jars, resolved once per build and set of repositories: the goals of every project
   * ask for the same artifact at the plugin's own version.
   */
  public List<Jar> runtimeJars(ProjectContext project, Log log) throws MojoExecutionException {
    return SessionRuntimes.runtimeJars(
        project.session(), log, project.repositories().toString(), () -> recorded(project));
  }

  /**
   * The runtime's jars as an earlier build resolved them, when nothing they came from can have
   * changed: a released plugin (its graph is fixed) or an offline build (nothing is fetched), the
   * same plugin jar and repositories, and every jar as it was. Otherwise a fresh resolution,
   * recorded for the next build. The record sits next to shim-runtime in the local repository, so a
   * clean build (its target folder gone) finds it too; any project with the same plugin and
   * repositories shares it.
   */
  private List<Jar> recorded(ProjectContext project) throws MojoExecutionException {
    String version = PluginVersions.shim();
    Path repository = project.localRepository();
    String key;
    try {
      key =
          String.join(
              " | ",
              version,
              new InputDigest(null).stat(PLUGIN, PluginVersions.pluginJar()).digest(PLUGIN),
              repository.toAbsolutePath().toString(),
              project.repositories().toString());
    } catch (IOException e) {
      return resolve(project);
    }
    Path file =
        repository
            .resolve(GROUP.replace('.', '/'))
            .resolve(ARTIFACT)
            .resolve(version)
            .resolve(
                "resolved-runtime-"
                    + new InputDigest(null)
                        .value(PLUGIN, "key", key)
                        .digest(PLUGIN)
                        .substring(0, 16)
                    + ".txt");
    boolean fixed = !version.endsWith("-SNAPSHOT") || project.repositorySession().isOffline();
    if (fixed) {
      Optional<List<Jar>> recorded = ResolutionRecord.read(file, key);
      if (recorded.isPresent()) {
        return recorded.get();
      }
    }
    List<Jar> jars = resolve(project);
    ResolutionRecord.write(file, key, jars);
    return jars;
  }

  private List<Jar> resolve(ProjectContext project) throws MojoExecutionException {
    String version = PluginVersions.shim();
    CollectRequest collect =
        new CollectRequest(
            new Dependency(new DefaultArtifact(GROUP, ARTIFACT, "jar", version), "runtime"),
            project.repositories());
    List<Jar> jars = new ArrayList<>();
    try {
      for (ArtifactResult result :
          system
              .resolveDependencies(
                  project.repositorySession(), new DependencyRequest(collect, null))
              .getArtifactResults()) {
        org.eclipse.aether.artifact.Artifact a = result.getArtifact();
        jars.add(new Jar(a.getGroupId(), a.getArtifactId(), a.getVersion(), a.getFile().toPath()));
      }
    } catch (DependencyResolutionException e) {
      throw new MojoExecutionException(
          "Cannot resolve "
              + GROUP
              + ":"
              + ARTIFACT
              + ":"
              + version
              + " and its dependencies ("
              + e.getMessage()
              + "); check that the repositories of this project can serve it.",
          e);
    }
    return jars;
  }
}
