package dev.udfshim.maven.archive;

import dev.udfshim.maven.isolation.IsolatedRuntime;
import dev.udfshim.maven.isolation.IsolationException;
import dev.udfshim.maven.isolation.ProjectRuntimes;
import dev.udfshim.maven.project.ProjectContext;
import dev.udfshim.maven.resolution.RuntimeResolver;
import dev.udfshim.tooling.ArchivePlan;
import dev.udfshim.tooling.Jar;
import dev.udfshim.tooling.RuntimeArchiveRequest;
import dev.udfshim.tooling.ToolingException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Assembles the runtime-only deployment artifact from the runtime's own plan, with the writer of
 * the shim artifact: one layout, one writer. In shim-runtime's own build the runtime is the project
 * (its jar and runtime dependencies); anywhere else, shim-runtime at the plugin's version.
 */
@Named
@Singleton
public final class RuntimePackaging {
  private final RuntimeResolver resolver;
  private final ProjectRuntimes runtimes;
  private final ZipWriters zipWriters;
  private final MavenProjectHelper projectHelper;

  @Inject
  public RuntimePackaging(
      RuntimeResolver resolver,
      ProjectRuntimes runtimes,
      ZipWriters zipWriters,
      MavenProjectHelper projectHelper) {
    this.resolver = resolver;
    this.runtimes = runtimes;
    this.zipWriters = zipWriters;
    this.projectHelper = projectHelper;
  }

  public void pack(RuntimeZipGoal goal, Log log)
      throws MojoExecutionException, MojoFailureException {
    Instant time;
    try {
      time = OutputTimestamp.entryTime(goal.outputTimestamp());
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
    ProjectContext project = goal.project();
    List<Jar> runtime = runtimeJars(project, log);
    Path zip =
        project.buildDirectory().resolve(goal.finalName() + "-" + goal.classifier() + ".zip");
    int entries;
    try (IsolatedRuntime isolated = runtimes.runtimeOnly(runtime)) {
      RuntimeArchiveRequest request =
          new RuntimeArchiveRequest(
              runtime, ClassPathDigest.ofRuntime(runtime, project.localRepository()));
      ArchivePlan plan = isolated.call(t -> t.runtimeArchive(request));
      try (ZipWriters.Open writer = zipWriters.open(project, log)) {
        entries = writer.write(zip, plan, goal.shimDirectory().resolve("archive"), time);
      }
    } catch (IsolationException | ToolingException | IOException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
    log.info(
        "Runtime-only shim artifact "
            + zip
            + ": "
            + entries
            + " entries ("
            + runtime.size()
            + " runtime jars, no UDF); serve a UDF upload zip with bin/shim serve --udf-classpath"
            + " <udf.zip>");
    if (goal.attach()) {
      projectHelper.attachArtifact(project.project(), "zip", goal.classifier(), zip.toFile());
    }
  }

  private List<Jar> runtimeJars(ProjectContext project, Log log)
      throws MojoExecutionException, MojoFailureException {
    var self = project.project();
    if (!self.getGroupId().equals(RuntimeResolver.GROUP)
        || !self.getArtifactId().equals(RuntimeResolver.ARTIFACT)) {
      return resolver.runtimeJars(project, log);
    }
    File jar = self.getArtifact().getFile();
    if (jar == null || !Files.isRegularFile(jar.toPath())) {
      throw new MojoFailureException(
          "shim-runtime's jar is not built; bind runtime-zip to the package phase, after the jar.");
    }
    List<Jar> jars = new ArrayList<>();
    jars.add(new Jar(self.getGroupId(), self.getArtifactId(), self.getVersion(), jar.toPath()));
    jars.addAll(project.dependencies());
    return jars;
  }
}
