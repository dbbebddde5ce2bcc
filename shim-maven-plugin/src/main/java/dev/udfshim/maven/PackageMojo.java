package dev.udfshim.maven;

import dev.udfshim.maven.archive.PackageGoal;
import dev.udfshim.maven.archive.Packaging;
import dev.udfshim.maven.archive.PlatformLimits;
import java.io.File;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

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
    requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME,
    threadSafe = true)
public class PackageMojo extends AbstractShimMojo {

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

  private final Packaging packaging;

  @Inject
  public PackageMojo(Packaging packaging) {
    this.packaging = packaging;
  }

  @Override
  protected String goal() {
    return "package";
  }

  @Override
  protected void run() throws MojoExecutionException, MojoFailureException {
    File jar = project.getArtifact().getFile();
    packaging.pack(
        new PackageGoal(
            context(),
            shimDirectory.toPath(),
            jar == null ? null : jar.toPath(),
            finalName,
            classifier,
            udfClassifier,
            attach,
            outputTimestamp,
            uploadLimit),
        getLog());
  }
}
