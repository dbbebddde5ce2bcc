package dev.udfshim.maven;

import dev.udfshim.maven.extract.ExtractGoal;
import dev.udfshim.maven.extract.UdfExtraction;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Extracts the signatures of the project's UDFs with the shim runtime's own extraction, in a class
 * loader of the runtime and the project only, writes {@code signatures.json} and logs a table. Any
 * extraction error fails the build with the class, the error code and the reason.
 */
@Mojo(
    name = "extract",
    defaultPhase = LifecyclePhase.PROCESS_CLASSES,
    requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME,
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

  private final UdfExtraction extraction;

  @Inject
  public ExtractMojo(UdfExtraction extraction) {
    this.extraction = extraction;
  }

  @Override
  protected String goal() {
    return "extract";
  }

  @Override
  protected void run() throws MojoExecutionException, MojoFailureException {
    extraction.extract(
        new ExtractGoal(
            context(),
            shimDirectory.toPath(),
            functions == null ? List.of() : functions,
            failOnError),
        getLog());
  }
}
