package dev.udfshim.maven;

import dev.udfshim.maven.local.InvokeGoal;
import dev.udfshim.maven.local.LocalCalls;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Calls a UDF once and prints the answer: the decoded result of an execution, or with {@code
 * -Dextract} the signatures. Against a running server ({@code -Dtarget=host:port}), or a server
 * started for the one call in a forked JVM, with the job parameters. The UDF is extracted once per
 * call.
 *
 * <pre>
 * mvn shim:invoke -Dfunction=com.example.AddOne -Dargs='1,2'
 * mvn shim:invoke -Dfunction=com.example.AddOne -Dextract
 * mvn shim:invoke -Dtarget=localhost:50051 -Dfunction=com.example.AddOne -Dargs='1,2'
 * </pre>
 */
@Mojo(
    name = "invoke",
    requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME,
    threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public class InvokeMojo extends AbstractLocalMojo {

  /**
   * The argument values, comma-separated: numbers, strings, ISO-8601 dates and times, base64 bytes,
   * JSON for ARRAY, MAP, MULTISET and ROW, and null. Quote strings holding commas.
   */
  @Parameter(property = "args", defaultValue = "")
  private String args;

  /** Ask for the signatures (extraction) instead of running the UDF. */
  @Parameter(property = "extract", defaultValue = "false")
  private boolean extract;

  /** Address host:port of a running server. Default: a server started for this call. */
  @Parameter(property = "target")
  private String target;

  private final LocalCalls calls;

  @Inject
  public InvokeMojo(LocalCalls calls) {
    this.calls = calls;
  }

  @Override
  protected String goal() {
    return "invoke";
  }

  @Override
  protected void run() throws MojoExecutionException, MojoFailureException {
    calls.invoke(
        new InvokeGoal(context(), shimDirectory.toPath(), local(), args, extract, target),
        getLog());
  }
}
