package dev.udfshim.maven;

import com.google.gson.Gson;
import dev.udfshim.maven.incremental.GoalRecord;
import dev.udfshim.maven.incremental.InputDigest;
import dev.udfshim.maven.isolation.IsolationException;
import dev.udfshim.maven.isolation.ResolvedJar;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;

/**
 * Extracts the signatures of the project's UDFs with the shim runtime's own extraction, in a class
 * loader of the runtime and the project only, writes {@code signatures.json} and logs a table. Any
 * extraction error fails the build with the class, the error code and the reason.
 */
@Mojo(
    name = "extract",
    defaultPhase = LifecyclePhase.PROCESS_CLASSES,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class ExtractMojo extends AbstractShimMojo {

  /**
   * Fully qualified class names of the UDFs. Default: every public concrete ScalarFunction and
   * TableFunction in the project's classes.
   */
  @Parameter(property = "shim.functions")
  private List<String> functions;

  /** Fail the build when a UDF cannot be extracted; with false, the errors are only logged. */
  @Parameter(property = "shim.failOnError", defaultValue = "true")
  private boolean failOnError;

  @Inject
  public ExtractMojo(RepositorySystem repositorySystem) {
    super(repositorySystem);
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping shim extraction (shim.skip=true).");
      return;
    }
    Map<?, ?> request =
        Map.of(
            "classesDirectory", project.getBuild().getOutputDirectory(),
            "functions", functions == null ? List.of() : functions,
            "signaturesFile", signaturesFile().toString());
    List<ResolvedJar> runtime = runtimeJars();
    ExtractionReport report;
    try {
      InputDigest inputs = Incremental.classPathInputs(this, runtime);
      GoalRecord record =
          Incremental.record(this, "extract", inputs, () -> Incremental.stats(signaturesFile()));
      if (Incremental.upToDate(record, getLog(), "Extraction", signaturesFile())) {
        // A run with errors is only recorded when they do not fail the build: say them again.
        if (!failOnError) {
          failures(
              new Gson()
                  .fromJson(
                      Files.readString(signaturesFile(), StandardCharsets.UTF_8),
                      ExtractionReport.class));
        }
        return;
      }
      String answer =
          sharedRuntime(classPath(runtime), inputs.digest(Incremental.CLASSES))
              .call(BUILD_TOOLS, "extract", new Gson().toJson(request));
      report = new Gson().fromJson(answer, ExtractionReport.class);
      log(report);
      failures(report);
      record.finished();
    } catch (IsolationException | IOException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }

  private void log(ExtractionReport report) {
    if (report.functions().isEmpty() && report.errors().isEmpty()) {
      getLog()
          .warn(
              "No ScalarFunction or TableFunction found in "
                  + project.getBuild().getOutputDirectory()
                  + "; the shim artifact will hold no UDF. Name them with <functions> if they"
                  + " live in a dependency.");
    }
    for (String line : report.table()) {
      getLog().info(line);
    }
    getLog()
        .info(
            "Extracted "
                + report.functions().size()
                + " UDF(s), "
                + report.functions().stream().mapToInt(f -> f.signatures().size()).sum()
                + " signature(s), into "
                + signaturesFile());
  }

  /** Fails the build on any extraction error, or with failOnError=false, logs them. */
  private void failures(ExtractionReport report) throws MojoFailureException {
    List<String> failures = new ArrayList<>();
    for (ExtractionReport.Failure failure : report.errors()) {
      failures.add(failure.className() + ": " + failure.code() + ": " + failure.message());
    }
    if (!failures.isEmpty()) {
      String message =
          failures.size()
              + " UDF(s) cannot run on the remote platform:\n  "
              + String.join("\n  ", failures);
      if (failOnError) {
        throw new MojoFailureException(message);
      }
      getLog().error(message);
    }
  }
}
