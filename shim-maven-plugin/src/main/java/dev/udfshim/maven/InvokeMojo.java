package dev.udfshim.maven;

import com.google.gson.Gson;
import dev.udfshim.maven.fork.ForkedRuntime;
import dev.udfshim.maven.isolation.IsolationException;
import java.util.HashMap;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;

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
@Mojo(name = "invoke", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
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

  @Inject
  public InvokeMojo(RepositorySystem repositorySystem) {
    super(repositorySystem);
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping shim:invoke (shim.skip=true).");
      return;
    }
    Map<String, String> parameters = jobParameters();
    boolean remote = target != null && !target.isBlank();
    if (remote && commandlineJobParameters != null && !commandlineJobParameters.isBlank()) {
      getLog()
          .warn(
              "Job parameters "
                  + parameters.keySet()
                  + " are ignored with -Dtarget: they belong to the server; give them to its"
                  + " shim:run.");
    }
    Map<String, Object> request = new HashMap<>();
    request.put("function", function);
    request.put("extract", extract);
    request.put("args", args);
    request.put("target", remote ? target : null);
    request.put("signature", signature);
    request.put("configRoot", localConfigDirectory().toString());
    request.put("classesDirectory", project.getBuild().getOutputDirectory());
    request.put("jobParameters", parameters);
    Answer answer;
    try (ForkedRuntime runtime = fork()) {
      answer =
          new Gson()
              .fromJson(
                  runtime.call(BUILD_TOOLS, "invoke", new Gson().toJson(request)), Answer.class);
    } catch (IsolationException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
    answer.out().lines().forEach(line -> getLog().info(line));
    if (answer.exitCode() != 0) {
      throw new MojoFailureException(answer.err().strip());
    }
    answer.err().lines().forEach(line -> getLog().warn(line));
  }

  private record Answer(int exitCode, String out, String err) {}
}
