package dev.udfshim.maven.resolution;

import dev.udfshim.maven.PluginVersions;
import dev.udfshim.maven.flink.FlinkVersion;
import dev.udfshim.maven.flink.ProjectFlink;
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
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.eclipse.aether.RepositorySystem;
import org.eclipse.aether.artifact.Artifact;
import org.eclipse.aether.artifact.DefaultArtifact;
import org.eclipse.aether.collection.CollectRequest;
import org.eclipse.aether.graph.Dependency;
import org.eclipse.aether.graph.Exclusion;
import org.eclipse.aether.resolution.ArtifactDescriptorException;
import org.eclipse.aether.resolution.ArtifactDescriptorRequest;
import org.eclipse.aether.resolution.ArtifactDescriptorResult;
import org.eclipse.aether.resolution.ArtifactRequest;
import org.eclipse.aether.resolution.ArtifactResolutionException;
import org.eclipse.aether.resolution.ArtifactResult;
import org.eclipse.aether.resolution.DependencyRequest;
import org.eclipse.aether.resolution.DependencyResolutionException;

/**
 * What the plugin resolves besides its own dependencies, as Maven resolves them: shim-runtime at
 * the plugin's version with the project's Flink, and plexus-archiver.
 */
@Named
@Singleton
public final class RuntimeResolver {
  public static final String GROUP = "dev.udfshim";
  public static final String ARTIFACT = "shim-runtime";
  private static final String PLUGIN = "plugin";
  private static final String FLINK_GROUP = "org.apache.flink";

  private final RepositorySystem system;
  private final ProjectFlink projectFlink;

  @Inject
  public RuntimeResolver(RepositorySystem system, ProjectFlink projectFlink) {
    this.system = system;
    this.projectFlink = projectFlink;
  }

  /** The runtime's jars with the Flink they carry. */
  public record ResolvedRuntime(FlinkVersion flink, List<Jar> jars) {
    public ResolvedRuntime {
      jars = List.copyOf(jars);
    }
  }

  /**
   * The runtime's jars with the project's Flink (see {@link ProjectFlink}), resolved once per
   * build, Flink version and set of repositories.
   */
  public ResolvedRuntime runtime(ProjectContext project, Log log)
      throws MojoExecutionException, MojoFailureException {
    ProjectFlink.Choice choice = projectFlink.of(project);
    return new ResolvedRuntime(choice.version(), runtimeJars(project, choice.version(), log));
  }

  /** {@link #runtime}'s jars. */
  public List<Jar> runtimeJars(ProjectContext project, Log log)
      throws MojoExecutionException, MojoFailureException {
    return runtime(project, log).jars();
  }

  /**
   * shim-runtime's own closure with its Flink artifacts at this version: the Flink artifacts it
   * declares are pinned to the version, so everything Flink brings comes from that release's POMs
   * (an artifact one release has and another lacks, such as flink-core-api, follows).
   */
  public List<Jar> runtimeJars(ProjectContext project, FlinkVersion flink, Log log)
      throws MojoExecutionException {
    Artifact root = new DefaultArtifact(GROUP, ARTIFACT, "jar", PluginVersions.shim());
    return SessionRuntimes.runtimeJars(
        project.session(),
        log,
        root + " flink " + flink + " " + project.repositories(),
        () -> recorded(project, root, List.of(), "resolved-runtime-flink-" + flink + "-", flink));
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
        () -> recorded(project, root, exclusions, recordPrefix, null));
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
      ProjectContext project,
      Artifact root,
      List<Exclusion> exclusions,
      String recordPrefix,
      FlinkVersion flink)
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
              project.repositories().toString(),
              String.valueOf(flink));
    } catch (IOException e) {
      return resolve(project, root, exclusions, flink);
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
    List<Jar> jars = resolve(project, root, exclusions, flink);
    ResolutionRecord.write(file, key, jars);
    return jars;
  }

  private List<Jar> resolve(
      ProjectContext project, Artifact root, List<Exclusion> exclusions, FlinkVersion flink)
      throws MojoExecutionException {
    CollectRequest collect =
        new CollectRequest(
            new Dependency(root, "runtime", false, exclusions), project.repositories());
    List<Jar> jars = new ArrayList<>();
    if (flink != null) {
      ArtifactDescriptorResult descriptor = descriptor(project, root);
      String own = ownFlink(descriptor);
      if (!flink.text().equals(own)) {
        // Another Flink: the runtime's own dependencies, its Flink ones at that version, and its
        // dependency management likewise (Maven applies it below them, as for any root).
        collect = new CollectRequest();
        collect.setRootArtifact(root);
        collect.setRepositories(project.repositories());
        for (Dependency declared : descriptor.getDependencies()) {
          if (!declared.isOptional()
              && (declared.getScope().isEmpty()
                  || declared.getScope().equals("compile")
                  || declared.getScope().equals("runtime"))) {
            collect.addDependency(atFlink(declared, own, flink));
          }
        }
        for (Dependency managed : descriptor.getManagedDependencies()) {
          collect.addManagedDependency(atFlink(managed, own, flink));
        }
        jars.add(jar(resolveArtifact(project, root)));
      }
    }
    try {
      for (ArtifactResult result :
          system
              .resolveDependencies(
                  project.repositorySession(), new DependencyRequest(collect, null))
              .getArtifactResults()) {
        jars.add(jar(result.getArtifact()));
      }
    } catch (DependencyResolutionException e) {
      throw new MojoExecutionException(
          "Cannot resolve "
              + root.getGroupId()
              + ":"
              + root.getArtifactId()
              + ":"
              + root.getVersion()
              + (flink == null ? "" : " with Flink " + flink)
              + " and its dependencies ("
              + e.getMessage()
              + "); check that the repositories of this project can serve it.",
          e);
    }
    if (flink != null) {
      checkFlink(root, flink, jars);
    }
    return jars;
  }

  private static Jar jar(Artifact a) {
    return new Jar(a.getGroupId(), a.getArtifactId(), a.getVersion(), a.getFile().toPath());
  }

  private Artifact resolveArtifact(ProjectContext project, Artifact artifact)
      throws MojoExecutionException {
    try {
      return system
          .resolveArtifact(
              project.repositorySession(),
              new ArtifactRequest(artifact, project.repositories(), null))
          .getArtifact();
    } catch (ArtifactResolutionException e) {
      throw new MojoExecutionException(
          "Cannot resolve " + artifact + " (" + e.getMessage() + ").", e);
    }
  }

  private ArtifactDescriptorResult descriptor(ProjectContext project, Artifact root)
      throws MojoExecutionException {
    try {
      return system.readArtifactDescriptor(
          project.repositorySession(),
          new ArtifactDescriptorRequest(root, project.repositories(), null));
    } catch (ArtifactDescriptorException e) {
      throw new MojoExecutionException(
          "Cannot read the POM of " + root + " (" + e.getMessage() + ").", e);
    }
  }

  /** The Flink the runtime is built against: the version of the Flink it declares. */
  private static String ownFlink(ArtifactDescriptorResult descriptor) {
    return descriptor.getDependencies().stream()
        .map(Dependency::getArtifact)
        .filter(a -> ProjectFlink.isFlinkApi(a.getGroupId(), a.getArtifactId()))
        .map(Artifact::getVersion)
        .findFirst()
        .orElse("");
  }

  /** A Flink artifact of the runtime's own Flink at the wanted version; anything else as it is. */
  private static Dependency atFlink(Dependency dependency, String own, FlinkVersion flink) {
    Artifact a = dependency.getArtifact();
    if (a.getGroupId().equals(FLINK_GROUP) && a.getVersion().equals(own)) {
      return dependency.setArtifact(a.setVersion(flink.text()));
    }
    return dependency;
  }

  /** Every Flink artifact of Flink's own release must be at the wanted version, or none works. */
  private static void checkFlink(Artifact root, FlinkVersion flink, List<Jar> jars)
      throws MojoExecutionException {
    List<String> others =
        jars.stream()
            .filter(
                j ->
                    ProjectFlink.isFlinkApi(j.groupId(), j.artifactId())
                        && !j.version().equals(flink.text()))
            .map(Jar::toString)
            .toList();
    if (!others.isEmpty()) {
      throw new MojoExecutionException(
          "Resolving "
              + root
              + " with Flink "
              + flink
              + " gave Flink artifacts of another version, "
              + String.join(", ", others)
              + "; the project's repositories must serve Flink "
              + flink
              + " whole.");
    }
  }
}
