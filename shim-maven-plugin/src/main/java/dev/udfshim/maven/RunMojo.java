package dev.udfshim.maven;

import dev.udfshim.maven.local.LocalServers;
import dev.udfshim.maven.local.RunGoal;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Execute;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Serves the project's UDFs on this machine, as the platform would: the shim runtime's own {@code
 * serve} with the project's classes, in a forked JVM, and for execution the spec of one signature
 * and the job parameters. Prints the address, serves until Ctrl-C, then drains as {@code bin/shim
 * serve} does; Ctrl-C or the end of Maven stops the forked JVM.
 *
 * <pre>
 * mvn shim:run                                  every signature, one port each, LOAD MODULE printed
 * mvn shim:run -Dhandler=extraction
 * mvn shim:run -Dhandler=execution -Dfunction=com.example.AddOne [-Dsignature=0]
 * </pre>
 */
@Mojo(
    name = "run",
    requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME,
    threadSafe = true)
@Execute(phase = LifecyclePhase.COMPILE)
public class RunMojo extends AbstractLocalMojo {

  /** The handler to serve: extraction or execution. */
  @Parameter(property = "handler", defaultValue = "execution", required = true)
  private String handler;

  /** TCP port (without -Dfunction: the first signature's, the next count up); 0 picks free ones. */
  @Parameter(property = "port", defaultValue = "50051")
  private int port;

  /** Address to bind; the default keeps the server on this machine. */
  @Parameter(property = "host", defaultValue = "127.0.0.1")
  private String host;

  private final LocalServers servers;

  @Inject
  public RunMojo(LocalServers servers) {
    this.servers = servers;
  }

  @Override
  protected String goal() {
    return "run";
  }

  @Override
  protected void run() throws MojoExecutionException, MojoFailureException {
    servers.run(
        new RunGoal(context(), shimDirectory.toPath(), local(), handler, host, port), getLog());
  }
}
