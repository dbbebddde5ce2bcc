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
    // What shim:invoke needs to call this server: filled in below, written once it listens.
    String served = null;
    boolean table = false;
    ExtractAnswer.Signature signature = null;
    Path portFile;
    try (IsolatedRuntime isolated = runtimes.open(goal.project(), runtime)) {
      layout = isolated.call(t -> t.layout(goal.shimDirectory()));
      LocalConfig config;
      if (all) {
        ExtractAnswer answer =
            isolated.call(
                t ->
                    t.extract(
                        new ExtractRequest(
                            goal.project().classesDirectory(),
                            List.of(),
                            layout.localDirectory())));
        config = allConfigs(isolated, layout, answer, parameters, log);
      } else if (handler.equals("execution")) {
        ExtractAnswer.Function udf = LocalCalls.udf(goal.project(), function, isolated, layout);
        ExtractAnswer.Signature chosen = LocalChoices.signature(udf, goal.local().signature());
        served = udf.className();
        table = udf.kind().equals("TABLE");
        signature = chosen;
        config = signatureConfig(isolated, layout, udf.className(), chosen.index(), parameters);
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
      // serve --all prints its own statement; shim:invoke's record is for one signature's server.
      portFile = all ? null : layout.localDirectory().resolve("run-" + handler + ".port");
      if (portFile != null) {
        Files.deleteIfExists(portFile);
      }
      Path port = portFile;
      LocalConfig chosenConfig = config;
      launch =
          isolated.call(
              t ->
                  t.serveLaunch(
                      new ServeRequest(
                          handler,
                          chosenConfig.configDirectory(),
                          goal.host(),
                          goal.port(),
                          port,
                          all ? layout.localDirectory() : null)));
    } catch (ToolingException e) {
      throw new MojoFailureException(e.getMessage(), e);
    } catch (IsolationException | IOException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
    log.info("Stop the server with Ctrl-C.");
    Path record = RunRecord.file(goal.shimDirectory(), handler);
    try (ForkedServer server =
        LocalFork.start(
            goal.project(),
            goal.local(),
            runtime,
            launch,
            layout.localDirectory().resolve("fork.args"),
            log)) {
      if (portFile == null) {
        int exit = server.waitFor();
        if (exit != 0) {
          throw new MojoExecutionException(server.ended("serve"));
        }
        log.info("The shim servers stopped.");
        return;
      }
      int port = server.awaitPort(portFile, "serve");
      new RunRecord(
              loopback(goal.host()) + ":" + port,
              server.pid(),
              handler,
              served,
              table,
              signature,
              System.currentTimeMillis())
          .write(record);
      int exit = server.waitFor();
      if (exit != 0) {
        throw new MojoExecutionException(server.ended("serve"));
      }
      log.info("The shim server stopped.");
    } catch (IsolationException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new MojoExecutionException("Interrupted while serving", e);
    } finally {
      RunRecord.delete(record);
    }
  }

  /** The config dir of one signature with the job's parameters, laid out under the local folder. */
  private static LocalConfig signatureConfig(
      IsolatedRuntime isolated,
      BuildLayout layout,
      String className,
      int signature,
      Map<String, String> parameters)
      throws IsolationException, ToolingException {
    return isolated.call(
        t ->
            t.localConfig(
                new LocalConfigRequest(
                    layout.localDirectory(), className, signature, null, parameters)));
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
        last = signatureConfig(isolated, layout, udf.className(), signature.index(), parameters);
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

  /** Where a client on this machine reaches a server bound to the host. */
  private static String loopback(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.isBlank() ? "127.0.0.1" : host;
  }

  /** The address to call, as far as it is known before the server binds. */
  private static String address(RunGoal goal) {
    return goal.host() + ":" + (goal.port() == 0 ? "<port it listens on>" : goal.port());
  }
}
