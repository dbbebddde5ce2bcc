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
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * What the plugin resolves besides its own dependencies, as Maven resolves them: shim-runtime at
 * the plugin's version, and plexus-archiver.
 */
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
    return jars(
        project,
        log,
        new DefaultArtifact(GROUP, ARTIFACT, "jar", PluginVersions.shim()),
        List.of(),
        "resolved-runtime-");
  }

  /** plexus-archiver and what it needs to write zips (not its xz and zstd codecs). */
  public List<Jar> archiverJars(ProjectContext project, Log log) throws MojoExecutionException {
    return jars(
        project,
        log,
        new DefaultArtifact(
            "org.codehaus.plexus", "plexus-archiver", "jar", PluginVersions.plexusArchiver()),
        List.of(
            new Exclusion("org.tukaani", "xz", "*", "*"),
            new Exclusion("com.github.luben", "zstd-jni", "*", "*")),
        "resolved-by-shim-plugin-");
  }

  private List<Jar> jars(
      ProjectContext project,
      Log log,
      Artifact root,
      List<Exclusion> exclusions,
      String recordPrefix)
      throws MojoExecutionException {
    return SessionRuntimes.runtimeJars(
        project.session(),
        log,
        root + " " + project.repositories(),
        () -> recorded(project, root, exclusions, recordPrefix));
  }

  /**
   * The jars as an earlier build resolved them, when nothing they came from can have changed: a
   * released artifact (the runtime's version is the plugin's, so a released plugin) or an offline
   * build (nothing is fetched), the same plugin jar and repositories, and every jar as it was.
   * Otherwise a fresh resolution, recorded for the next build. The record sits next to the artifact
   * in the local repository, so a clean build (its target folder gone) finds it too; any project
   * with the same plugin and repositories shares it.
   */
  private List<Jar> recorded(
      ProjectContext project, Artifact root, List<Exclusion> exclusions, String recordPrefix)
      throws MojoExecutionException {
    Path repository = project.localRepository();
    String key;
    try {
      key =
          String.join(
              " | ",
              PluginVersions.shim(),
              new InputDigest(null).stat(PLUGIN, PluginVersions.pluginJar()).digest(PLUGIN),
              repository.toAbsolutePath().toString(),
              project.repositories().toString());
    } catch (IOException e) {
      return resolve(project, root, exclusions);
    }
    Path file =
        repository
            .resolve(root.getGroupId().replace('.', '/'))
            .resolve(root.getArtifactId())
            .resolve(root.getVersion())
            .resolve(
                recordPrefix
                    + new InputDigest(null)
                        .value(PLUGIN, "key", key)
                        .digest(PLUGIN)
                        .substring(0, 16)
                    + ".txt");
    boolean fixed = !root.isSnapshot() || project.repositorySession().isOffline();
    if (fixed) {
      Optional<List<Jar>> recorded = ResolutionRecord.read(file, key);
      if (recorded.isPresent()) {
        return recorded.get();
      }
    }
    List<Jar> jars = resolve(project, root, exclusions);
    ResolutionRecord.write(file, key, jars);
    return jars;
  }

  private List<Jar> resolve(ProjectContext project, Artifact root, List<Exclusion> exclusions)
      throws MojoExecutionException {
    CollectRequest collect =
        new CollectRequest(
            new Dependency(root, "runtime", false, exclusions), project.repositories());
    List<Jar> jars = new ArrayList<>();
    try {
      for (ArtifactResult result :
          system
              .resolveDependencies(
                  project.repositorySession(), new DependencyRequest(collect, null))
              .getArtifactResults()) {
        Artifact a = result.getArtifact();
        jars.add(new Jar(a.getGroupId(), a.getArtifactId(), a.getVersion(), a.getFile().toPath()));
      }
    } catch (DependencyResolutionException e) {
      throw new MojoExecutionException(
          "Cannot resolve "
              + root.getGroupId()
              + ":"
              + root.getArtifactId()
              + ":"
              + root.getVersion()
              + " and its dependencies ("
              + e.getMessage()
              + "); check that the repositories of this project can serve it.",
          e);
    }
    return jars;
  }
}
