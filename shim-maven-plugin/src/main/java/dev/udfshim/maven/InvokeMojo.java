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
 * Calls a UDF once and prints the answer on standard output, on lines of its own (with {@code -q},
 * nothing else): the decoded result of an execution, one line per row of a table function, or with
 * {@code -Dextract} the signatures. Against the server a {@code shim:run} of this project keeps up
 * (found by itself, called with the signature it recorded: no extraction, no JVM forked), a running
 * server ({@code -Dtarget=host:port}), or else a server started for the one call in a forked JVM,
 * with the job parameters, its log in {@code target/shim/local/invoke-server.log}.
 *
 * <pre>
 * mvn shim:run -Dfunction=AddOne                 (in one terminal)
 * mvn -q shim:invoke -Dargs='1,2'                (in another: prints 3)
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
   * JSON for ARRAY, MAP, MULTISET and ROW, and null for SQL NULL. A value in double quotes is a
   * string: quote strings holding commas, and write the string null as "null". Optional arguments
   * at the end may be left out.
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
