package dev.udfshim.maven.local;

import dev.udfshim.maven.fork.ForkedServer;
import dev.udfshim.maven.isolation.IsolatedRuntime;
import dev.udfshim.maven.isolation.IsolationException;
import dev.udfshim.maven.isolation.ProjectRuntimes;
import dev.udfshim.maven.project.ProjectContext;
import dev.udfshim.maven.resolution.RuntimeResolver;
import dev.udfshim.tooling.BuildLayout;
import dev.udfshim.tooling.ExtractAnswer;
import dev.udfshim.tooling.ExtractRequest;
import dev.udfshim.tooling.InvokeAnswer;
import dev.udfshim.tooling.InvokeRequest;
import dev.udfshim.tooling.Jar;
import dev.udfshim.tooling.LocalConfig;
import dev.udfshim.tooling.LocalConfigRequest;
import dev.udfshim.tooling.ServeLaunch;
import dev.udfshim.tooling.ServeRequest;
import dev.udfshim.tooling.SignatureInvokeRequest;
import dev.udfshim.tooling.ToolingException;
import java.io.FileDescriptor;
import java.io.FileOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * Calls a UDF once and prints the answer on standard output, alone (with {@code -q}, nothing else):
 * against the server a {@code shim:run} of this project keeps up, with the signature it recorded
 * (no extraction, no JVM forked); against a server named by {@code -Dtarget}; or against the
 * runtime's serve forked for the one call (its config dir made in the project's runtime, where the
 * values are encoded and the answer decoded; its log goes to a file, not between the answer's
 * lines).
 */
@Named
@Singleton
public final class LocalCalls {
  private static final String LOOPBACK = "127.0.0.1";
  private static final int LOG_TAIL = 30;

  private final RuntimeResolver resolver;
  private final ProjectRuntimes runtimes;

  @Inject
  public LocalCalls(RuntimeResolver resolver, ProjectRuntimes runtimes) {
    this.resolver = resolver;
    this.runtimes = runtimes;
  }

  public void invoke(InvokeGoal goal, Log log) throws MojoExecutionException, MojoFailureException {
    // The process's own standard output, not System.out: Maven 4 routes a plugin's System.out into
    // its log ("[INFO] [stdout] ..."), which -q silences and which mixes the answer with the log.
    invoke(
        goal,
        log,
        new PrintStream(new FileOutputStream(FileDescriptor.out), true, StandardCharsets.UTF_8));
  }

  void invoke(InvokeGoal goal, Log log, PrintStream out)
      throws MojoExecutionException, MojoFailureException {
    Map<String, String> parameters = LocalChoices.jobParameters(goal.local());
    boolean remote = goal.target() != null && !goal.target().isBlank();
    List<Jar> runtime = resolver.runtimeJars(goal.project(), log);
    Optional<RunRecord> run = running(goal, remote);
    String line = goal.local().commandlineJobParameters();
    if ((remote || run.isPresent()) && line != null && !line.isBlank()) {
      log.warn(
          "Job parameters "
              + parameters.keySet()
              + " are ignored when calling a running server: they belong to the server; give them"
              + " to its shim:run.");
    }
    InvokeAnswer answer =
        run.isPresent() ? callRunning(goal, run.get(), runtime, log) : call(goal, runtime, log);
    answer.lines().forEach(out::println);
    out.flush();
    if (answer.error() != null) {
      throw new MojoFailureException(answer.error().strip());
    }
  }

  /**
   * The server of a shim:run of this project that serves what is asked: at -Dtarget if given, else
   * the one of the handler asked for, if its JVM still runs.
   */
  private static Optional<RunRecord> running(InvokeGoal goal, boolean remote) {
    String handler = goal.extract() ? "extraction" : "execution";
    Optional<RunRecord> record =
        Stream.of("execution", "extraction")
            .map(h -> RunRecord.read(RunRecord.file(goal.shimDirectory(), h)))
            .flatMap(Optional::stream)
            .filter(r -> r.handler().equals(handler))
            .filter(r -> !remote || r.target().equals(goal.target().strip()))
            .filter(RunRecord::alive)
            .findFirst();
    String function = goal.local().function();
    Integer signature = goal.local().signature();
    if (goal.extract()) {
      return function == null ? Optional.empty() : record;
    }
    return record.filter(
        r ->
            (function == null || function.equals(r.className()) || function.equals(r.simpleName()))
                && (signature == null || signature == r.signature().index()));
  }

  /** The call to a shim:run server, with what its record says: no extraction, no UDF loaded. */
  private InvokeAnswer callRunning(InvokeGoal goal, RunRecord run, List<Jar> runtime, Log log)
      throws MojoExecutionException {
    sourcesChangedSince(goal, run, log);
    try (IsolatedRuntime isolated = runtimes.runtimeOnly(runtime)) {
      if (goal.extract()) {
        log.info("Asking the shim:run extraction server at " + run.target());
        return isolated.call(
            t ->
                t.invoke(
                    new InvokeRequest(
                        run.target(), goal.local().function(), true, null, goal.args())));
      }
      log.info(
          "Calling "
              + run.className()
              + " ["
              + run.signature().index()
              + "] "
              + run.signature().text()
              + " on the shim:run server at "
              + run.target());
      return isolated.call(
          t ->
              t.invoke(
                  new SignatureInvokeRequest(
                      run.target(), run.className(), run.table(), run.signature(), goal.args())));
    } catch (ToolingException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    } catch (IsolationException | IOException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }

  /** A server serves the classes it started with: say so when the sources are newer. */
  private static void sourcesChangedSince(InvokeGoal goal, RunRecord run, Log log) {
    for (String root : goal.project().project().getCompileSourceRoots()) {
      Path folder = Path.of(root);
      if (!Files.isDirectory(folder)) {
        continue;
      }
      try (Stream<Path> files = Files.walk(folder)) {
        boolean newer =
            files
                .filter(Files::isRegularFile)
                .anyMatch(
                    f -> {
                      try {
                        return Files.getLastModifiedTime(f).toMillis() > run.started();
                      } catch (IOException e) {
                        return false;
                      }
                    });
        if (newer) {
          log.warn(
              "Sources changed since the shim:run server at "
                  + run.target()
                  + " started; it still runs the classes it started with: restart it to call"
                  + " your changes.");
          return;
        }
      } catch (IOException e) {
        return;
      }
    }
  }

  /** The call without a shim:run server: to -Dtarget, or to a server forked for it. */
  private InvokeAnswer call(InvokeGoal goal, List<Jar> runtime, Log log)
      throws MojoExecutionException, MojoFailureException {
    boolean remote = goal.target() != null && !goal.target().isBlank();
    try (IsolatedRuntime isolated = runtimes.open(goal.project(), runtime)) {
      BuildLayout layout = isolated.call(t -> t.layout(goal.shimDirectory()));
      String className = className(goal, isolated, layout);
      if (remote) {
        return isolated.call(
            t ->
                t.invoke(
                    new InvokeRequest(
                        goal.target(),
                        className,
                        goal.extract(),
                        goal.local().signature(),
                        goal.args())));
      }
      return forkedCall(
          goal,
          className,
          LocalChoices.jobParameters(goal.local()),
          layout,
          runtime,
          isolated,
          log);
    } catch (ToolingException e) {
      throw new MojoFailureException(e.getMessage(), e);
    } catch (IsolationException | IOException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }

  /**
   * The UDF asked for: by class name or simple name among the project's, else a class named
   * outright (one of a dependency, say); none such fails with the project's, closest first.
   */
  private static String className(InvokeGoal goal, IsolatedRuntime isolated, BuildLayout layout)
      throws ToolingException, IsolationException, MojoFailureException {
    return udf(goal.project(), goal.local().function(), isolated, layout).className();
  }

  /**
   * The UDF asked for, extracted: by class name or simple name among the project's, else a class
   * named outright (one of a dependency, say), else the project's only one; none such fails with
   * the project's UDFs, the closest to the name asked for first.
   */
  static ExtractAnswer.Function udf(
      ProjectContext project, String function, IsolatedRuntime isolated, BuildLayout layout)
      throws ToolingException, IsolationException, MojoFailureException {
    ExtractAnswer all =
        isolated.call(
            t ->
                t.extract(
                    new ExtractRequest(
                        project.classesDirectory(), List.of(), layout.localDirectory())));
    if (function == null) {
      return LocalChoices.function(all, null);
    }
    Optional<ExtractAnswer.Function> found = LocalChoices.find(all, function);
    if (found.isPresent()) {
      return found.get();
    }
    for (ExtractAnswer.Failure failure : all.failures()) {
      if (failure.className().equals(function)) {
        throw new MojoFailureException(failure.text());
      }
    }
    if (function.contains(".")) {
      ExtractAnswer named =
          isolated.call(
              t ->
                  t.extract(
                      new ExtractRequest(
                          project.classesDirectory(), List.of(function), layout.localDirectory())));
      if (!named.functions().isEmpty()) {
        return named.functions().get(0);
      }
      if (!named.failures().isEmpty()
          && !named.failures().get(0).code().equals("USER_CODE_NOT_FOUND")) {
        throw new MojoFailureException(named.failures().get(0).text());
      }
    }
    throw LocalChoices.unknown(all, function);
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
    Path serverLog = layout.localDirectory().resolve("invoke-server.log");
    log.info(
        "No shim:run server of "
            + className
            + " is up: serving it for this call (its log: "
            + serverLog
            + "; keep `mvn shim:run` going for faster calls)");
    try (ForkedServer server =
        LocalFork.start(
            goal.project(),
            goal.local(),
            runtime,
            launch,
            layout.localDirectory().resolve("fork.args"),
            log::debug,
            serverLog)) {
      int port;
      try {
        port = server.awaitPort(portFile, "invoke");
      } catch (IsolationException e) {
        throw new IsolationException(e.getMessage() + tail(serverLog), e);
      }
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

  /** The end of the forked server's log, for a failure to start. */
  private static String tail(Path serverLog) {
    try {
      List<String> lines = Files.readAllLines(serverLog, StandardCharsets.UTF_8);
      return "\nIts log ("
          + serverLog
          + "):\n"
          + String.join("\n", lines.subList(Math.max(0, lines.size() - LOG_TAIL), lines.size()));
    } catch (IOException e) {
      return "";
    }
  }
}
