package dev.udfshim.maven.archive;

import dev.udfshim.maven.incremental.GoalRecord;
import dev.udfshim.maven.incremental.Incremental;
import dev.udfshim.maven.incremental.InputDigest;
import dev.udfshim.maven.isolation.ClassPaths;
import dev.udfshim.maven.isolation.IsolatedRuntime;
import dev.udfshim.maven.isolation.IsolationException;
import dev.udfshim.maven.isolation.ProjectRuntimes;
import dev.udfshim.maven.project.ProjectContext;
import dev.udfshim.maven.resolution.RuntimeResolver;
import dev.udfshim.tooling.ArchivePlan;
import dev.udfshim.tooling.BuildLayout;
import dev.udfshim.tooling.Jar;
import dev.udfshim.tooling.ShimArchiveRequest;
import dev.udfshim.tooling.ToolingException;
import dev.udfshim.tooling.UdfArchiveRequest;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;
import org.apache.maven.project.MavenProjectHelper;

/**
 * Assembles the shim artifact and the UDF upload zip from the runtime's plans, checks them against
 * the platform's limits, and attaches them; nothing but the attaching when nothing changed.
 */
@Named
@Singleton
public final class Packaging {
  private final RuntimeResolver resolver;
  private final ProjectRuntimes runtimes;
  private final Incremental incremental;
  private final ZipWriters zipWriters;
  private final MavenProjectHelper projectHelper;

  @Inject
  public Packaging(
      RuntimeResolver resolver,
      ProjectRuntimes runtimes,
      Incremental incremental,
      ZipWriters zipWriters,
      MavenProjectHelper projectHelper) {
    this.resolver = resolver;
    this.runtimes = runtimes;
    this.incremental = incremental;
    this.zipWriters = zipWriters;
    this.projectHelper = projectHelper;
  }

  public void pack(PackageGoal goal, Log log) throws MojoExecutionException, MojoFailureException {
    Path udfJar = goal.udfJar();
    if (udfJar == null
        || !Files.isRegularFile(udfJar)
        || !udfJar.getFileName().toString().endsWith(".jar")) {
      throw new MojoFailureException(
          "The project's jar is not built, so there is nothing to package: use <packaging>jar"
              + "</packaging> and bind shim:package to the package phase (its default).");
    }
    Instant time;
    Optional<Instant> reproducible;
    try {
      reproducible = OutputTimestamp.parse(goal.outputTimestamp());
      time = reproducible.orElse(OutputTimestamp.DEFAULT);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
    long limit;
    try {
      limit = PlatformLimits.parseSize(goal.uploadLimit());
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
    ProjectContext project = goal.project();
    List<Jar> runtime = resolver.runtimeJars(project, log);
    ClassPaths.Split dependencies = ClassPaths.split(project.dependencies(), runtime);
    if (!dependencies.providedFlink().isEmpty()) {
      log.warn(
          "The shim provides Flink's table API, so these dependencies are left out of the"
              + " artifact: "
              + join(dependencies.providedFlink())
              + ". Declare them with <scope>provided</scope>.");
    }
    List<Jar> same = new ArrayList<>();
    for (Jar jar : dependencies.providedOther()) {
      Optional<Jar> runtimes = runtime.stream().filter(r -> r.key().equals(jar.key())).findFirst();
      if (runtimes.isPresent() && !runtimes.get().version().equals(jar.version())) {
        log.warn(shadowed(jar, runtimes.get()));
      } else {
        same.add(jar);
      }
    }
    if (!same.isEmpty()) {
      log.info("Provided by the shim runtime, so not bundled again: " + join(same));
    }
    Path shimZip =
        project.buildDirectory().resolve(goal.finalName() + "-" + goal.classifier() + ".zip");
    Path udfZip =
        project.buildDirectory().resolve(goal.finalName() + "-" + goal.udfClassifier() + ".zip");
    // The plans need the runtime only, not the project's classes.
    try (IsolatedRuntime isolated = runtimes.runtimeOnly(runtime)) {
      BuildLayout layout =
          incremental.layout(
              goal.shimDirectory(),
              new InputDigest(project.localRepository())
                  .files(Incremental.RUNTIME, runtime.stream().map(Jar::file).toList())
                  .digest(Incremental.RUNTIME),
              isolated);
      if (!Files.isRegularFile(layout.signaturesFile())) {
        throw new MojoFailureException(
            layout.signaturesFile()
                + " does not exist; add the extract and gen-spec goals to the plugin's"
                + " executions (see the README).");
      }
      GoalRecord record =
          record(
              goal,
              layout,
              runtime,
              dependencies.shipped(),
              () -> Incremental.stats(shimZip, udfZip));
      if (incremental.upToDate(record, log, "Packaging", shimZip, udfZip)) {
        attach(goal, shimZip, udfZip);
        return;
      }
      List<Jar> shipped = dependencies.shipped();
      ShimArchiveRequest shimRequest =
          new ShimArchiveRequest(
              goal.shimDirectory(),
              udfJar,
              runtime,
              shipped,
              project.coordinates(),
              ClassPathDigest.of(runtime, udfJar, shipped, project.localRepository()));
      ArchivePlan shimPlan = isolated.call(t -> t.shimArchive(shimRequest));
      ArchivePlan udfPlan =
          isolated.call(t -> t.udfArchive(new UdfArchiveRequest(udfJar, shipped)));
      isolated
          .call(t -> t.udfArchiveWarnings(new UdfArchiveRequest(udfJar, shipped)))
          .forEach(log::warn);
      int shimEntries;
      int udfEntries;
      Path work = goal.shimDirectory().resolve("archive");
      try (ZipWriters.Open writer = zipWriters.open(project, log)) {
        shimEntries = writer.write(shimZip, shimPlan, work, time);
        udfEntries = writer.write(udfZip, udfPlan, work, time);
      }
      List<Path> jars = new ArrayList<>(List.of(udfJar));
      dependencies.shipped().forEach(jar -> jars.add(jar.file()));
      PlatformLimits.bundledFlink(jars).forEach(log::warn);
      Reproducibility.warning(udfJar, reproducible.orElse(null), jarPlugin(project))
          .ifPresent(log::warn);
      Optional<String> tooLarge = PlatformLimits.uploadTooLarge(udfZip, limit, jars);
      if (tooLarge.isPresent()) {
        throw new MojoFailureException(tooLarge.get());
      }
      log.info(
          "Shim artifact "
              + shimZip
              + ": "
              + shimEntries
              + " entries ("
              + runtime.size()
              + " runtime jars, "
              + (1 + dependencies.shipped().size())
              + " UDF jars)");
      log.info("UDF upload zip " + udfZip + ": " + udfEntries + " jars");
      record.finished();
    } catch (IsolationException | ToolingException | IOException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
    attach(goal, shimZip, udfZip);
  }

  /**
   * The zips are made of the project's jar, the runtime, the shipped dependencies (their names in
   * the zip come from their coordinates), signatures.json, the specs, and the request.
   */
  private GoalRecord record(
      PackageGoal goal,
      BuildLayout layout,
      List<Jar> runtime,
      List<Jar> shipped,
      GoalRecord.Outputs outputs)
      throws IOException {
    InputDigest digest = incremental.inputs(goal.project(), goal);
    digest.file("project jar", goal.udfJar());
    digest.files(Incremental.RUNTIME, runtime.stream().map(Jar::file).toList());
    digest.files(Incremental.DEPENDENCIES, shipped.stream().map(Jar::file).toList());
    shipped.forEach(jar -> digest.value(Incremental.DEPENDENCIES, "coordinates", jar.toString()));
    digest.file("signatures", layout.signaturesFile());
    digest.tree("specs", layout.configDirectory());
    digest.value(Incremental.PARAMETERS, "project", goal.project().coordinates());
    return incremental.record(goal.shimDirectory(), "package", digest, outputs);
  }

  private void attach(PackageGoal goal, Path shimZip, Path udfZip) {
    if (goal.attach()) {
      projectHelper.attachArtifact(
          goal.project().project(), "zip", goal.classifier(), shimZip.toFile());
      projectHelper.attachArtifact(
          goal.project().project(), "zip", goal.udfClassifier(), udfZip.toFile());
    }
  }

  private static String jarPlugin(ProjectContext project) {
    Plugin plugin = project.project().getPlugin("org.apache.maven.plugins:maven-jar-plugin");
    return plugin == null ? null : plugin.getVersion();
  }

  /**
   * A dependency whose classes the runtime's own copy shadows: the runtime comes first on the class
   * path, as the platform puts it, so the UDF runs with the runtime's version. (Isolating UDF
   * dependencies child-first was weighed and left: see docs/runtime.md, "Class path".)
   */
  static String shadowed(Jar project, Jar runtime) {
    return project.key()
        + " "
        + project.version()
        + " of the project is shadowed by the shim runtime's "
        + runtime.version()
        + ": the artifact leaves it out and the UDF runs with "
        + runtime.version()
        + " (the runtime comes first on the class path); build and test against "
        + runtime.version()
        + " (declare it <scope>provided</scope> at that version), or shade your copy into a"
        + " package of your own.";
  }

  private static String join(List<Jar> jars) {
    return jars.stream().map(Jar::toString).collect(Collectors.joining(", "));
  }
}
