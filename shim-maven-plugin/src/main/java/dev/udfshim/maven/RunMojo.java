package dev.udfshim.maven;

import com.google.gson.Gson;
import dev.udfshim.maven.fork.ForkedRuntime;
import dev.udfshim.maven.isolation.IsolationException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
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
 * Serves the project's UDFs on this machine, as the platform would: the shim runtime with the
 * project's classes, in a forked JVM, and for execution the generated spec of one signature and the
 * job parameters. Prints the address, serves until Ctrl-C; Ctrl-C or the end of Maven stops the
 * forked JVM.
 *
 * <pre>
 * mvn shim:run -Dhandler=extraction
 * mvn shim:run -Dhandler=execution -Dfunction=com.example.AddOne [-Dsignature=0]
 * </pre>
 */
@Mojo(name = "run", requiresDependencyResolution = ResolutionScope.RUNTIME, threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public class RunMojo extends AbstractLocalMojo {

  /** The handler to serve: extraction or execution. */
  @Parameter(property = "handler", defaultValue = "execution", required = true)
  private String handler;

  /** TCP port; 0 picks a free one. */
  @Parameter(property = "port", defaultValue = "50051")
  private int port;

  /** Address to bind; the default keeps the server on this machine. */
  @Parameter(property = "host", defaultValue = "127.0.0.1")
  private String host;

  /** The address to call, as far as it is known before the server binds. */
  private String address() {
    return host + ":" + (port == 0 ? "<port it listens on>" : String.valueOf(port));
  }

  @Inject
  public RunMojo(RepositorySystem repositorySystem) {
    super(repositorySystem);
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping shim:run (shim.skip=true).");
      return;
    }
    if (!handler.equals("extraction") && !handler.equals("execution")) {
      throw new MojoFailureException(
          "-Dhandler=" + handler + " is not a handler; use extraction or execution.");
    }
    Map<String, String> parameters = jobParameters();
    try (ForkedRuntime runtime = fork()) {
      ExtractionReport report = prepare(runtime);
      Path configDir;
      if (handler.equals("execution")) {
        ExtractionReport.Function udf = chooseFunction(report);
        ExtractionReport.Signature chosen = chooseSignature(udf);
        configDir = specDirectory(udf.className(), chosen.index());
        writeJobParameters(configDir, parameters);
        getLog()
            .info(
                "Executing "
                    + udf.className()
                    + " ["
                    + chosen.index()
                    + "] ("
                    + chosen.arguments()
                    + ") -> "
                    + chosen.returnType()
                    + "; try: mvn shim:invoke -Dtarget="
                    + address()
                    + " -Dfunction="
                    + udf.className()
                    + " -Dsignature="
                    + chosen.index()
                    + " -Dargs=...");
      } else {
        configDir = Files.createDirectories(shimDirectory.toPath().resolve("local/empty-config"));
        getLog()
            .info(
                "Extracting on request; try: mvn shim:invoke -Dtarget="
                    + address()
                    + " -Dextract -Dfunction=<class>");
      }
      getLog().info("Stop the server with Ctrl-C.");
      runtime.call(
          BUILD_TOOLS,
          "serve",
          new Gson()
              .toJson(
                  Map.of(
                      "handler", handler,
                      "configDirectory", configDir.toString(),
                      "host", host,
                      "port", port)));
    } catch (IsolationException | IOException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }
}
