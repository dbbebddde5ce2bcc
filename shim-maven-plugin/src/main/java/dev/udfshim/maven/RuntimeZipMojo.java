package dev.udfshim.maven;

import dev.udfshim.maven.archive.RuntimePackaging;
import dev.udfshim.maven.archive.RuntimeZipGoal;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Assembles the runtime-only deployment artifact ({@code <finalName>-bin.zip}: {@code bin/shim},
 * {@code lib/runtime}, the manifest; no UDF) and attaches it. The platform operator builds it once;
 * its {@code bin/shim serve --udf-classpath <udf zip>} serves any user's UDF upload zip as it is,
 * with the config override dir holding the spec. shim-runtime's own build runs it; in another
 * project it packs shim-runtime at the plugin's version.
 */
@Mojo(
    name = "runtime-zip",
    defaultPhase = LifecyclePhase.PACKAGE,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class RuntimeZipMojo extends AbstractShimMojo {

  /** Classifier of the runtime-only zip. */
  @Parameter(property = "shim.runtimeClassifier", defaultValue = "bin", required = true)
  private String classifier;

  /** Attach the zip to the project, so install and deploy publish it. */
  @Parameter(property = "shim.attach", defaultValue = "true")
  private boolean attach;

  /**
   * Time of every zip entry, for reproducible archives: ISO-8601 or seconds since the epoch.
   * Default 1980-01-01T00:00:02Z.
   */
  @Parameter(defaultValue = "${project.build.outputTimestamp}")
  private String outputTimestamp;

  @Parameter(defaultValue = "${project.build.finalName}", readonly = true, required = true)
  private String finalName;

  private final RuntimePackaging packaging;

  @Inject
  public RuntimeZipMojo(RuntimePackaging packaging) {
    this.packaging = packaging;
  }

  @Override
  protected String goal() {
    return "runtime-zip";
  }

  @Override
  protected void run() throws MojoExecutionException, MojoFailureException {
    packaging.pack(
        new RuntimeZipGoal(
            context(), shimDirectory.toPath(), finalName, classifier, attach, outputTimestamp),
        getLog());
  }
}
