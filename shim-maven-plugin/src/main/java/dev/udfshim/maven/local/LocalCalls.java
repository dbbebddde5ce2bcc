package dev.udfshim.maven.local;

import dev.udfshim.maven.fork.ForkedServer;
import dev.udfshim.maven.isolation.IsolatedRuntime;
import dev.udfshim.maven.isolation.IsolationException;
import dev.udfshim.maven.isolation.ProjectRuntimes;
import dev.udfshim.maven.resolution.RuntimeResolver;
import dev.udfshim.tooling.BuildLayout;
import dev.udfshim.tooling.ExtractRequest;
import dev.udfshim.tooling.InvokeAnswer;
import dev.udfshim.tooling.InvokeRequest;
import dev.udfshim.tooling.Jar;
import dev.udfshim.tooling.LocalConfig;
import dev.udfshim.tooling.LocalConfigRequest;
import dev.udfshim.tooling.ServeLaunch;
import dev.udfshim.tooling.ServeRequest;
import dev.udfshim.tooling.ToolingException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * Calls a UDF once and logs the answer: against a running server, or against the runtime's serve
 * forked for the one call (its config dir made in the project's runtime, where the values are
 * encoded and the answer decoded; the UDF is extracted there once).
 */
@Named
@Singleton
public final class LocalCalls {
  private static final String LOOPBACK = "127.0.0.1";

  private final RuntimeResolver resolver;
  private final ProjectRuntimes runtimes;

  @Inject
  public LocalCalls(RuntimeResolver resolver, ProjectRuntimes runtimes) {
    this.resolver = resolver;
    this.runtimes = runtimes;
  }

  public void invoke(InvokeGoal goal, Log log) throws MojoExecutionException, MojoFailureException {
    Map<String, String> parameters = LocalChoices.jobParameters(goal.local());
    boolean remote = goal.target() != null && !goal.target().isBlank();
    String line = goal.local().commandlineJobParameters();
    if (remote && line != null && !line.isBlank()) {
      log.warn(
          "Job parameters "
              + parameters.keySet()
              + " are ignored with -Dtarget: they belong to the server; give them to its"
              + " shim:run.");
    }
    List<Jar> runtime = resolver.runtimeJars(goal.project(), log);
    InvokeAnswer answer;
    try (IsolatedRuntime isolated = runtimes.open(goal.project(), runtime)) {
      BuildLayout layout = isolated.call(t -> t.layout(goal.shimDirectory()));
      String function = goal.local().function();
      if (function == null) {
        function =
            LocalChoices.function(
                    isolated.call(
                        t ->
                            t.extract(
                                new ExtractRequest(
                                    goal.project().classesDirectory(),
                                    List.of(),
                                    layout.localDirectory()))),
                    null)
                .className();
      }
      String className = function;
      if (remote) {
        answer =
            isolated.call(
                t ->
                    t.invoke(
                        new InvokeRequest(
                            goal.target(),
                            className,
                            goal.extract(),
                            goal.local().signature(),
                            goal.args())));
      } else {
        answer = forkedCall(goal, className, parameters, layout, runtime, isolated, log);
      }
    } catch (ToolingException e) {
      throw new MojoFailureException(e.getMessage(), e);
    } catch (IsolationException | IOException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
    answer.lines().forEach(log::info);
    if (answer.error() != null) {
      throw new MojoFailureException(answer.error().strip());
    }
  }

  /** The call against a server of the project's runtime, forked for it and stopped after it. */
  private static InvokeAnswer forkedCall(
      InvokeGoal goal,
      String className,
      Map<String, String> parameters,
      BuildLayout layout,
      List<Jar> runtime,
      IsolatedRuntime isolated,
      Log log)
      throws ToolingException, IsolationException, IOException, MojoExecutionException {
    LocalConfig config =
        isolated.call(
            t ->
                t.localConfig(
                    new LocalConfigRequest(
                        layout.localDirectory(),
                        goal.extract() ? null : className,
                        goal.local().signature(),
                        goal.args(),
                        parameters)));
    Path portFile = layout.localDirectory().resolve("invoke.port");
    Files.deleteIfExists(portFile);
    ServeLaunch launch =
        isolated.call(
            t ->
                t.serveLaunch(
                    new ServeRequest(
                        goal.extract() ? "extraction" : "execution",
                        config.configDirectory(),
                        LOOPBACK,
                        0,
                        portFile)));
    try (ForkedServer server =
        LocalFork.start(
            goal.project(),
            goal.local(),
            runtime,
            launch,
            layout.localDirectory().resolve("fork.args"),
            log)) {
      int port = server.awaitPort(portFile, "invoke");
      return isolated.call(
          t ->
              t.invoke(
                  new InvokeRequest(
                      LOOPBACK + ":" + port,
                      className,
                      goal.extract(),
                      config.signature(),
                      goal.args())));
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("Interrupted while calling the forked server", e);
    }
  }
}
