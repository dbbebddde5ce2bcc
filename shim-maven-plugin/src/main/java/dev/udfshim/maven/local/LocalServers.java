package dev.udfshim.maven.local;

import dev.udfshim.maven.fork.ForkedServer;
import dev.udfshim.maven.isolation.IsolatedRuntime;
import dev.udfshim.maven.isolation.IsolationException;
import dev.udfshim.maven.isolation.ProjectRuntimes;
import dev.udfshim.maven.resolution.RuntimeResolver;
import dev.udfshim.tooling.BuildLayout;
import dev.udfshim.tooling.ExtractAnswer;
import dev.udfshim.tooling.ExtractRequest;
import dev.udfshim.tooling.Jar;
import dev.udfshim.tooling.LocalConfig;
import dev.udfshim.tooling.LocalConfigRequest;
import dev.udfshim.tooling.ServeLaunch;
import dev.udfshim.tooling.ServeRequest;
import dev.udfshim.tooling.ToolingException;
import java.io.IOException;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * Serves the project's UDFs on this machine as the platform would: the UDF chosen and its config
 * dir made in the project's runtime, then the runtime's own serve in a forked JVM until it ends.
 */
@Named
@Singleton
public final class LocalServers {
  private final RuntimeResolver resolver;
  private final ProjectRuntimes runtimes;

  @Inject
  public LocalServers(RuntimeResolver resolver, ProjectRuntimes runtimes) {
    this.resolver = resolver;
    this.runtimes = runtimes;
  }

  public void run(RunGoal goal, Log log) throws MojoExecutionException, MojoFailureException {
    String handler = goal.handler();
    if (!handler.equals("extraction") && !handler.equals("execution")) {
      throw new MojoFailureException(
          "-Dhandler=" + handler + " is not a handler; use extraction or execution.");
    }
    Map<String, String> parameters = LocalChoices.jobParameters(goal.local());
    List<Jar> runtime = resolver.runtimeJars(goal.project(), log);
    String function = goal.local().function();
    // Without a UDF named, every signature of the project, as serve --all does an artifact's.
    boolean all =
        handler.equals("execution") && function == null && goal.local().signature() == null;
    ServeLaunch launch;
    BuildLayout layout;
    try (IsolatedRuntime isolated = runtimes.open(goal.project(), runtime)) {
      layout = isolated.call(t -> t.layout(goal.shimDirectory()));
      LocalConfig config;
      if (handler.equals("execution")) {
        ExtractAnswer answer =
            isolated.call(
                t ->
                    t.extract(
                        new ExtractRequest(
                            goal.project().classesDirectory(),
                            function == null ? List.of() : List.of(function),
                            layout.localDirectory())));
        if (all) {
          config = allConfigs(isolated, layout, answer, parameters, log);
        } else {
          config = oneConfig(isolated, layout, answer, goal, parameters, log);
        }
      } else {
        config =
            isolated.call(
                t ->
                    t.localConfig(
                        new LocalConfigRequest(
                            layout.localDirectory(), null, null, null, parameters)));
        log.info(
            "Extracting on request; try: mvn shim:invoke -Dtarget="
                + address(goal)
                + " -Dextract -Dfunction=<class>");
      }
      LocalConfig served = config;
      launch =
          isolated.call(
              t ->
                  t.serveLaunch(
                      new ServeRequest(
                          handler,
                          served.configDirectory(),
                          goal.host(),
                          goal.port(),
                          null,
                          all ? layout.localDirectory() : null)));
    } catch (ToolingException e) {
      throw new MojoFailureException(e.getMessage(), e);
    } catch (IsolationException | IOException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
    fork(goal, runtime, launch, layout, log);
  }

  /** The config dir of the one signature asked for (or the only one). */
  private static LocalConfig oneConfig(
      IsolatedRuntime isolated,
      BuildLayout layout,
      ExtractAnswer answer,
      RunGoal goal,
      Map<String, String> parameters,
      Log log)
      throws IsolationException, ToolingException, MojoFailureException {
    String function = goal.local().function();
    ExtractAnswer.Function udf = LocalChoices.function(answer, function);
    ExtractAnswer.Signature chosen = LocalChoices.signature(udf, goal.local().signature());
    LocalConfig config =
        isolated.call(
            t ->
                t.localConfig(
                    new LocalConfigRequest(
                        layout.localDirectory(),
                        udf.className(),
                        chosen.index(),
                        null,
                        parameters)));
    if (!parameters.isEmpty()) {
      log.info("Job parameters " + parameters.keySet() + " in " + config.configDirectory());
    }
    log.info(
        "Executing "
            + udf.className()
            + " ["
            + chosen.index()
            + "] "
            + chosen.text()
            + "; try: mvn shim:invoke -Dtarget="
            + address(goal)
            + " -Dfunction="
            + udf.className()
            + " -Dsignature="
            + chosen.index()
            + " -Dargs=...");
    return config;
  }

  /** Starts the forked serve and waits for its end; a failed end fails the goal. */
  private static void fork(
      RunGoal goal, List<Jar> runtime, ServeLaunch launch, BuildLayout layout, Log log)
      throws MojoExecutionException {
    log.info("Stop the server with Ctrl-C.");
    try (ForkedServer server =
        LocalFork.start(
            goal.project(),
            goal.local(),
            runtime,
            launch,
            layout.localDirectory().resolve("fork.args"),
            log)) {
      int exit = server.waitFor();
      if (exit != 0) {
        throw new MojoExecutionException(server.ended("serve"));
      }
      log.info("The shim server stopped.");
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("Interrupted while serving", e);
    }
  }

  /**
   * The config dir of every signature of the project, laid out under the local folder as the
   * artifact's; fails when the project has no UDF.
   */
  private static LocalConfig allConfigs(
      IsolatedRuntime isolated,
      BuildLayout layout,
      ExtractAnswer answer,
      Map<String, String> parameters,
      Log log)
      throws IsolationException, ToolingException, MojoFailureException {
    for (ExtractAnswer.Failure failure : answer.failures()) {
      log.warn("Not served: " + failure.text());
    }
    if (answer.functions().isEmpty()) {
      throw new MojoFailureException(
          "This project has no UDF to serve; add a ScalarFunction or TableFunction, or serve"
              + " extraction with -Dhandler=extraction.");
    }
    LocalConfig last = null;
    int signatures = 0;
    for (ExtractAnswer.Function udf : answer.functions()) {
      for (ExtractAnswer.Signature signature : udf.signatures()) {
        last =
            isolated.call(
                t ->
                    t.localConfig(
                        new LocalConfigRequest(
                            layout.localDirectory(),
                            udf.className(),
                            signature.index(),
                            null,
                            parameters)));
        signatures++;
      }
    }
    log.info(
        "Serving every signature of the project ("
            + signatures
            + " of "
            + answer.functions().size()
            + " UDF(s)), one port each; the LOAD MODULE statement for Flink SQL follows once all"
            + " are open. -Dfunction=<class> serves one.");
    return last;
  }

  /** The address to call, as far as it is known before the server binds. */
  private static String address(RunGoal goal) {
    return goal.host() + ":" + (goal.port() == 0 ? "<port it listens on>" : goal.port());
  }
}
