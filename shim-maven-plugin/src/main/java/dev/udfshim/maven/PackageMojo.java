package dev.udfshim.maven;

import dev.udfshim.maven.archive.ClassPathDigest;
import dev.udfshim.maven.archive.PlatformLimits;
import dev.udfshim.maven.archive.Reproducibility;
import dev.udfshim.maven.archive.ShimArchive;
import dev.udfshim.maven.incremental.GoalRecord;
import dev.udfshim.maven.isolation.ClassPaths;
import dev.udfshim.maven.isolation.ResolvedJar;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import javax.inject.Inject;
import org.apache.maven.model.Plugin;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.apache.maven.project.MavenProjectHelper;
import org.eclipse.aether.RepositorySystem;

/**
 * Assembles the deployable shim artifact ({@code <finalName>-shim.zip}: the runtime, the UDF jar
 * and its dependencies, the specs, signatures and launchers) and the UDF-only upload zip ({@code
 * <finalName>-udf.zip}: jars at the root, no folder), and attaches both so {@code install} and
 * {@code deploy} publish them. Flink artifacts among the project's dependencies are left out, since
 * the shim provides Flink's table API; bundling them is warned about.
 */
@Mojo(
    name = "package",
    defaultPhase = LifecyclePhase.PACKAGE,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class PackageMojo extends AbstractShimMojo {
  /** Zip time of the entries when {@code project.build.outputTimestamp} is not set. */
  static final Instant DEFAULT_TIMESTAMP = Instant.parse("1980-01-01T00:00:02Z");

  /** Classifier of the shim artifact. */
  @Parameter(property = "shim.classifier", defaultValue = "shim", required = true)
  private String classifier;

  /** Classifier of the UDF-only zip. */
  @Parameter(property = "shim.udfClassifier", defaultValue = "udf", required = true)
  private String udfClassifier;

  /** Attach both zips to the project, so install and deploy publish them. */
  @Parameter(property = "shim.attach", defaultValue = "true")
  private boolean attach;

  /**
   * Time of every zip entry, for reproducible archives: ISO-8601 or seconds since the epoch, as
   * Maven's own archivers read it. Default 1980-01-01T00:00:02Z.
   */
  @Parameter(defaultValue = "${project.build.outputTimestamp}")
  private String outputTimestamp;

  /**
   * The platform's artifact limit: a larger UDF upload zip fails the build. Bytes, or a number with
   * KiB, MiB or GiB.
   */
  @Parameter(property = "shim.uploadLimit", defaultValue = PlatformLimits.DEFAULT_UPLOAD_LIMIT)
  private String uploadLimit;

  @Parameter(defaultValue = "${project.build.finalName}", readonly = true, required = true)
  private String finalName;

  private final MavenProjectHelper projectHelper;

  @Inject
  public PackageMojo(RepositorySystem repositorySystem, MavenProjectHelper projectHelper) {
    super(repositorySystem);
    this.projectHelper = projectHelper;
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping the shim artifact (shim.skip=true).");
      return;
    }
    File udfJar = project.getArtifact().getFile();
    if (udfJar == null || !udfJar.isFile() || !udfJar.getName().endsWith(".jar")) {
      throw new MojoFailureException(
          "The project's jar is not built, so there is nothing to package: use <packaging>jar"
              + "</packaging> and bind shim:package to the package phase (its default).");
    }
    if (!Files.isRegularFile(signaturesFile())) {
      throw new MojoFailureException(
          signaturesFile()
              + " does not exist; add the extract and gen-spec goals to the plugin's"
              + " executions (see the README).");
    }
    List<ResolvedJar> runtime = runtimeJars();
    ClassPaths.Split dependencies = ClassPaths.split(projectJars(), runtime);
    if (!dependencies.providedFlink().isEmpty()) {
      getLog()
          .warn(
              "The shim provides Flink's table API, so these dependencies are left out of the"
                  + " artifact: "
                  + join(dependencies.providedFlink())
                  + ". Declare them with <scope>provided</scope>.");
    }
    if (!dependencies.providedOther().isEmpty()) {
      getLog()
          .info(
              "Provided by the shim runtime, so not bundled again: "
                  + join(dependencies.providedOther()));
    }
    Path target = Path.of(project.getBuild().getDirectory());
    Path shimZip = target.resolve(finalName + "-" + classifier + ".zip");
    Path udfZip = target.resolve(finalName + "-" + udfClassifier + ".zip");
    ShimArchive archive =
        new ShimArchive(shimDirectory.toPath().resolve("archive"), FileTime.from(timestamp()));
    GoalRecord record;
    try {
      record =
          Incremental.packageRecord(
              this, udfJar.toPath(), runtime, dependencies.shipped(), shimZip, udfZip);
      if (Incremental.upToDate(record, getLog(), "Packaging", shimZip, udfZip)) {
        attach(shimZip, udfZip);
        return;
      }
      int shimEntries =
          archive.writeShimZip(
              shimZip,
              udfJar.toPath(),
              runtime,
              dependencies.shipped(),
              configDirectory(),
              signaturesFile(),
              manifest(runtime, udfJar.toPath(), dependencies.shipped()));
      int udfEntries = archive.writeUdfZip(udfZip, udfJar.toPath(), dependencies.shipped());
      List<Path> jars = new ArrayList<>(List.of(udfJar.toPath()));
      dependencies.shipped().forEach(jar -> jars.add(jar.file()));
      PlatformLimits.bundledFlink(jars).forEach(getLog()::warn);
      Reproducibility.warning(udfJar.toPath(), reproducibleTime(), jarPlugin())
          .ifPresent(getLog()::warn);
      Optional<String> tooLarge = PlatformLimits.uploadTooLarge(udfZip, limit(), jars);
      if (tooLarge.isPresent()) {
        throw new MojoFailureException(tooLarge.get());
      }
      getLog()
          .info(
              "Shim artifact "
                  + shimZip
                  + ": "
                  + shimEntries
                  + " entries ("
                  + runtime.size()
                  + " runtime jars, "
                  + (1 + dependencies.shipped().size())
                  + " UDF jars)");
      getLog().info("UDF upload zip " + udfZip + ": " + udfEntries + " jars");
      record.finished();
    } catch (IOException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
    attach(shimZip, udfZip);
  }

  private void attach(Path shimZip, Path udfZip) {
    if (attach) {
      projectHelper.attachArtifact(project, "zip", classifier, shimZip.toFile());
      projectHelper.attachArtifact(project, "zip", udfClassifier, udfZip.toFile());
    }
  }

  private Map<String, String> manifest(
      List<ResolvedJar> runtime, Path udfJar, List<ResolvedJar> shipped) throws IOException {
    Map<String, String> values = new LinkedHashMap<>();
    values.put(
        "classpath.digest",
        ClassPathDigest.of(
            runtime,
            udfJar,
            shipped,
            repositorySession.getLocalRepository().getBasedir().toPath()));
    values.put("shim.version", PluginVersions.shim());
    values.put(
        "flink.version",
        runtime.stream()
            .filter(j -> j.key().equals("org.apache.flink:flink-table-common"))
            .map(ResolvedJar::version)
            .findFirst()
            .orElse("unknown"));
    values.put(
        "udf.artifact",
        project.getGroupId() + ":" + project.getArtifactId() + ":" + project.getVersion());
    values.put("java.release", "17");
    values.put("launcher", "bin/shim serve --handler_name extraction|execution");
    return values;
  }

  /** The output timestamp, or null when the project sets none (Maven: not reproducible). */
  private Instant reproducibleTime() throws MojoFailureException {
    return timestampSet() ? timestamp() : null;
  }

  /** Maven's convention: unset or a single character means "not reproducible". */
  private boolean timestampSet() {
    return outputTimestamp != null && outputTimestamp.length() >= 2;
  }

  private String jarPlugin() {
    Plugin plugin = project.getPlugin("org.apache.maven.plugins:maven-jar-plugin");
    return plugin == null ? null : plugin.getVersion();
  }

  private long limit() throws MojoFailureException {
    try {
      return PlatformLimits.parseSize(uploadLimit);
    } catch (IllegalArgumentException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
  }

  private Instant timestamp() throws MojoFailureException {
    if (!timestampSet()) {
      return DEFAULT_TIMESTAMP; // not reproducible by Maven's rule, but we still fix the times
    }
    try {
      return Instant.ofEpochSecond(Long.parseLong(outputTimestamp));
    } catch (NumberFormatException e) {
      try {
        return OffsetDateTime.parse(outputTimestamp).toInstant();
      } catch (DateTimeParseException e2) {
        throw new MojoFailureException(
            "project.build.outputTimestamp '"
                + outputTimestamp
                + "' is neither ISO-8601 (2024-01-01T00:00:00Z) nor seconds since the epoch.");
      }
    }
  }

  private static String join(List<ResolvedJar> jars) {
    return jars.stream().map(ResolvedJar::toString).collect(Collectors.joining(", "));
  }
}
