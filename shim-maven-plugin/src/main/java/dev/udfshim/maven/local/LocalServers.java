package dev.udfshim.maven.local;

import dev.udfshim.maven.fork.ForkedServer;
import dev.udfshim.maven.isolation.IsolatedRuntime;
import dev.udfshim.maven.isolation.IsolationException;
import dev.udfshim.maven.isolation.ProjectRuntimes;
import dev.udfshim.maven.resolution.RuntimeResolver;
import dev.udfshim.tooling.BuildLayout;
import dev.udfshim.tooling.ExtractAnswer;
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
      if (handler.equals("execution")) {
        ExtractAnswer.Function udf = LocalCalls.udf(goal.project(), function, isolated, layout);
        ExtractAnswer.Signature chosen = LocalChoices.signature(udf, goal.local().signature());
        served = udf.className();
        table = udf.kind().equals("TABLE");
        signature = chosen;
        config =
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
      portFile = layout.localDirectory().resolve("run-" + handler + ".port");
      Files.deleteIfExists(portFile);
      Path port = portFile;
      launch =
          isolated.call(
              t ->
                  t.serveLaunch(
                      new ServeRequest(
                          handler, config.configDirectory(), goal.host(), goal.port(), port)));
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

  /** Where a client on this machine reaches a server bound to the host. */
  private static String loopback(String host) {
    return host.equals("0.0.0.0") || host.equals("::") || host.isBlank() ? "127.0.0.1" : host;
  }

  /** The address to call, as far as it is known before the server binds. */
  private static String address(RunGoal goal) {
    return goal.host() + ":" + (goal.port() == 0 ? "<port it listens on>" : goal.port());
  }
}
