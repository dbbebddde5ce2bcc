package dev.udfshim.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.net.ConnectException;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code mvn shim:run} in the background and {@code mvn shim:invoke} against it, in the sample
 * project that the invoker scenarios built (shim-maven-plugin/src/it/udf-project-good), as a user
 * types them. Both run the UDFs in a forked JVM, which the sample's RuntimeInfo UDF describes from
 * inside.
 */
class LocalRunIT {
  @TempDir static Path work;
  private static Path settings;

  @BeforeAll
  static void settings() throws IOException {
    String template = Files.readString(Path.of(System.getProperty("shim.it.settings")));
    settings = work.resolve("settings.xml");
    Files.writeString(
        settings,
        template.replace("@localRepositoryUrl@", System.getProperty("shim.it.localRepositoryUrl")));
  }

  private static List<String> mvn(String... args) {
    List<String> command = new ArrayList<>();
    command.add(System.getProperty("shim.it.maven"));
    command.add("-B");
    command.add("-s");
    command.add(settings.toString());
    command.add("-Dmaven.repo.local=" + System.getProperty("shim.it.repo"));
    command.add("-f");
    command.add(Path.of(System.getProperty("shim.it.projects"), "udf-project-good").toString());
    command.addAll(List.of(args));
    return command;
  }

  private record Build(int exit, String log) {}

  private static Build build(String... args) throws Exception {
    Process process = new ProcessBuilder(mvn(args)).redirectErrorStream(true).start();
    String log = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(120, TimeUnit.SECONDS)).isTrue();
    return new Build(process.exitValue(), log);
  }

  private static final Pattern FORKED = Pattern.compile("Forked JVM \\(pid (\\d+)\\)");

  /** The pid of the JVM the goal forked, from its log line. */
  private static long forkedPid(String log) {
    Matcher matcher = FORKED.matcher(log);
    assertThat(matcher.find()).as(log).isTrue();
    return Long.parseLong(matcher.group(1));
  }

  /**
   * The invoke succeeded and printed these lines on standard output, on lines of their own (the
   * last only starts with its text if that ends in =).
   */
  private static void assertAnswer(Build build, Object... expected) {
    assertThat(build.exit()).as(build.log()).isZero();
    StringBuilder lines = new StringBuilder("(?m)^");
    for (int i = 0; i < expected.length; i++) {
      String text = String.valueOf(expected[i]);
      lines.append(Pattern.quote(text));
      lines.append(i < expected.length - 1 ? "\n" : text.endsWith("=") ? "" : "$");
    }
    assertThat(build.log()).containsPattern(lines.toString());
  }

  private static Build info(String target, String what, String... more) throws Exception {
    List<String> args =
        new ArrayList<>(List.of("shim:invoke", "-Dfunction=com.example.udfs.RuntimeInfo"));
    if (target != null) {
      args.add("-Dtarget=" + target);
    }
    args.add("-Dargs=" + what);
    args.addAll(List.of(more));
    return build(args.toArray(String[]::new));
  }

  private static void assertGone(long pid) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
    while (ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
      assertThat(System.nanoTime()).as("forked JVM %d still runs", pid).isLessThan(deadline);
      Thread.sleep(100);
    }
  }

  private static void assertPortClosed(int port) {
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
        .isInstanceOf(ConnectException.class);
  }

  @Test
  void runExecutionInTheBackgroundAndInvokeItForScalarResultsAndErrors() throws Exception {
    ShimProcess server =
        ShimProcess.start(
            mvn(
                "shim:run",
                "-Dhandler=execution",
                "-Dfunction=com.example.udfs.AddOne",
                "-Dport=0"));
    try (server) {
      String target = "-Dtarget=127.0.0.1:" + server.port();

      Build three =
          build("shim:invoke", target, "-Dfunction=com.example.udfs.AddOne", "-Dargs=1,2");
      assertAnswer(three, 3);

      Build nulls =
          build("shim:invoke", target, "-Dfunction=com.example.udfs.AddOne", "-Dargs=null,2");
      assertAnswer(nulls, "null");

      Build badValue =
          build("shim:invoke", target, "-Dfunction=com.example.udfs.AddOne", "-Dargs=1,two");
      assertThat(badValue.exit()).isNotZero();
      assertThat(badValue.log()).contains("error: Argument 2 (j): 'two' is not a BIGINT value.");

      // Another UDF's payload reaches the AddOne server: its error answer is shown and fails.
      Build wrongServer =
          build("shim:invoke", target, "-Dfunction=com.example.udfs.HexUpper", "-Dargs=ab");
      assertThat(wrongServer.exit()).isNotZero();
      assertThat(wrongServer.log())
          .contains(
              "error: This server runs com.example.udfs.AddOne (i BIGINT, j BIGINT) -> BIGINT")
          .contains("; a call for another signature or server?");
    }
    assertThat(server.process().isAlive()).isFalse();
    assertPortClosed(server.port());
  }

  @Test
  void runATableFunctionInTheBackgroundAndInvokeItForEveryRow() throws Exception {
    ShimProcess server =
        ShimProcess.start(mvn("shim:run", "-Dfunction=com.example.udfs.SplitWords", "-Dport=0"));
    try (server) {
      Build rows =
          build(
              "shim:invoke",
              "-Dtarget=127.0.0.1:" + server.port(),
              "-Dfunction=com.example.udfs.SplitWords",
              "-Dargs=\"to be\"");
      assertAnswer(rows, "[\"to\",2]", "[\"be\",2]");
    }
    assertThat(server.process().isAlive()).isFalse();
    assertPortClosed(server.port());
  }

  @Test
  void runExtractionAndInvokeForSignatures() throws Exception {
    ShimProcess server = ShimProcess.start(mvn("shim:run", "-Dhandler=extraction", "-Dport=0"));
    try (server) {
      Build signatures =
          build(
              "shim:invoke",
              "-Dtarget=127.0.0.1:" + server.port(),
              "-Dextract",
              "-Dfunction=com.example.udfs.HexUpper");
      assertAnswer(
          signatures,
          "com.example.udfs.HexUpper: SCALAR, deterministic",
          "  [0] (text VARCHAR(2147483647)) -> VARCHAR(2147483647)",
          "  [1] (text VARCHAR(2147483647), repeat INT) -> VARCHAR(2147483647)");
    }
    assertThat(server.process().isAlive()).isFalse();
  }

  @Test
  void invokeWithoutTargetStartsAServerForTheCallTableFunctionsPrintEachRow() throws Exception {
    Build rows =
        build("shim:invoke", "-Dfunction=com.example.udfs.SplitWords", "-Dargs=\"to be, or\"");
    assertAnswer(rows, "[\"to\",2]", "[\"be,\",3]", "[\"or\",2]");
    assertThat(rows.log()).contains("target/shim/local/invoke-server.log");

    Build overload = build("shim:invoke", "-Dfunction=com.example.udfs.HexUpper", "-Dargs=ab,3");
    assertAnswer(overload, "414241424142");
  }

  @Test
  void runServesFromAForkedJvmWithItsOptionsAndStopsItWithMaven() throws Exception {
    ShimProcess maven =
        ShimProcess.start(
            mvn(
                "shim:run",
                "-Dfunction=com.example.udfs.RuntimeInfo",
                "-Dport=0",
                "-Dshim.jvmArguments=-Xmx256m \"-Dsample.color=deep blue\"",
                "-Dshim.jobParameters=greeting=hi,other=x"));
    long child = forkedPid(maven.log());
    try (maven) {
      assertThat(child).isNotEqualTo(maven.process().pid());
      Build info =
          info(
              "127.0.0.1:" + maven.port(),
              "pid property:sample.color property:sample.origin env:SAMPLE_ORIGIN job:greeting"
                  + " job:other",
              "-Dshim.jobParameters=greeting=ignored");
      // The UDF runs in the forked JVM, with the options, the pom's system property and
      // environment variable, and the command line's job parameters over the pom's.
      assertAnswer(
          info,
          "pid="
              + child
              + "; property:sample.color=deep blue; property:sample.origin=pom;"
              + " env:SAMPLE_ORIGIN=pom-env; job:greeting=hi; job:other=x");
      assertThat(info.log())
          .contains(
              "[WARNING] Job parameters [greeting] are ignored when calling a running server: they"
                  + " belong to the server; give them to its shim:run.");
    }
    assertGone(child);
  }

  @Test
  void runServesThroughServesLifecycleSigtermDrainsAndItsExitCodeEndsTheGoal() throws Exception {
    ShimProcess maven =
        ShimProcess.start(mvn("shim:run", "-Dfunction=com.example.udfs.AddOne", "-Dport=0"));
    long child = forkedPid(maven.log());
    try (maven) {
      Build three =
          build(
              "shim:invoke",
              "-Dtarget=127.0.0.1:" + maven.port(),
              "-Dfunction=com.example.udfs.AddOne",
              "-Dargs=1,2");
      assertAnswer(three, 3);
      // SIGTERM to the server alone, as a platform stop would send it: bin/shim serve's drain.
      ProcessHandle.of(child).orElseThrow().destroy();
      assertThat(maven.awaitExit(60_000)).as(maven.log()).isZero();
    }
    assertGone(child);
    assertThat(maven.log())
        .contains("Stop the server with Ctrl-C.")
        .containsPattern(
            "Shutdown complete in \\d+ ms: 0 call\\(s\\) in flight finished, 0 cut off at the"
                + " grace; close\\(\\) returned; exit code 0")
        .contains("[INFO] The shim server stopped.");
    assertPortClosed(maven.port());
  }

  @Test
  void runWithoutAFunctionServesEverySignatureAndPrintsTheStatement() throws Exception {
    ShimProcess maven = ShimProcess.start(mvn("shim:run", "-Dport=0"));
    long child = forkedPid(maven.log());
    try (maven) {
      String statement = maven.awaitLine(l -> l.startsWith("LOAD MODULE shim WITH ("), 60_000);
      assertThat(statement)
          .contains("target/shim/local/signatures.json")
          .contains("com.example.udfs.AddOne/0=127.0.0.1:")
          .contains("com.example.udfs.SplitWords/0=127.0.0.1:");
      Matcher port = Pattern.compile("AddOne/0=127\\.0\\.0\\.1:(\\d+)").matcher(statement);
      assertThat(port.find()).isTrue();
      Build three =
          build(
              "shim:invoke",
              "-Dtarget=127.0.0.1:" + port.group(1),
              "-Dfunction=com.example.udfs.AddOne",
              "-Dargs=1,2");
      assertAnswer(three, 3);
      ProcessHandle.of(child).orElseThrow().destroy();
      assertThat(maven.awaitExit(60_000)).as(maven.log()).isZero();
    }
    assertGone(child);
    assertThat(maven.log()).contains("Serving every signature of the project (");
  }

  @Test
  void killingMavenEndsTheForkedJvm() throws Exception {
    ShimProcess maven =
        ShimProcess.start(mvn("shim:run", "-Dfunction=com.example.udfs.AddOne", "-Dport=0"));
    long child = forkedPid(maven.log());
    assertThat(ProcessHandle.of(child)).isPresent();
    // SIGKILL: no shutdown hook runs in Maven; the child sees its standard input end.
    maven.process().destroyForcibly().waitFor(30, TimeUnit.SECONDS);
    assertGone(child);
    maven.close();
  }

  @Test
  void invokeRunsTheUdfInAForkedJvmWithJobParametersAndExtractsOnce() throws Exception {
    Path cwd = Files.createDirectories(work.resolve("udf-cwd"));
    Build info =
        info(
            null,
            "pid cwd job:greeting job:other created",
            "-Dshim.workingDirectory=" + cwd,
            "-Dshim.jobParameters=other=1");
    // The forked server logs to target/shim/local/invoke-server.log; the UDF reports its JVM.
    assertThat(info.log()).contains("target/shim/local/invoke-server.log");
    Matcher pid = Pattern.compile("(?m)^pid=(\\d+);").matcher(info.log());
    assertThat(pid.find()).as(info.log()).isTrue();
    long child = Long.parseLong(pid.group(1));
    assertThat(child).isNotEqualTo(ProcessHandle.current().pid());
    // created: the UDF objects made in the forked JVM for the call: invoke's one extraction, and
    // what the execution handler makes itself (its binding, its instance). Before: four
    // extractions, one of them in Maven, plus the handler's.
    assertAnswer(
        info,
        "pid="
            + child
            + "; cwd="
            + cwd
            + "; job:greeting=hello from the pom; job:other=1; created=");
    Matcher created = Pattern.compile("; created=(\\d+)\n").matcher(info.log());
    assertThat(created.find()).isTrue();
    assertThat(Integer.parseInt(created.group(1))).isBetween(1, 3);
    assertGone(child);

    Build noJvm = info(null, "pid", "-Dshim.jvmArguments=-Xno-such-option");
    assertThat(noJvm.exit()).isNotZero();
    assertThat(noJvm.log())
        .contains("Unrecognized option: -Xno-such-option")
        .contains(
            "The forked JVM ended with exit code 1 during invoke; its output says why (check"
                + " jvmArguments and the UDF's static code).");

    Build bad = info(null, "pid", "-Dshim.jobParameters=greeting");
    assertThat(bad.exit()).isNotZero();
    assertThat(bad.log())
        .contains(
            "-Dshim.jobParameters: 'greeting' is not key=value; write key=value pairs separated"
                + " by commas.");
  }

  @Test
  void invokeCallsTheRunningShimRunServerAndWithQuietPrintsTheAnswerAlone() throws Exception {
    ShimProcess maven =
        ShimProcess.start(mvn("shim:run", "-Dfunction=HexUpper", "-Dsignature=0", "-Dport=0"));
    long child = forkedPid(maven.log());
    try (maven) {
      // No -Dtarget, no -Dfunction: the shim:run server, with the signature it recorded.
      Build string = build("-q", "shim:invoke", "-Dargs=\"null\"");
      assertThat(string.exit()).as(string.log()).isZero();
      // Maven's console library may write colour resets even in batch mode: they are not lines.
      assertThat(string.log().replaceAll("\u001B\\[[0-9;]*m", ""))
          .as("only the answer, with -q")
          .isEqualTo("4e554c4c\n");

      Build sqlNull = build("shim:invoke", "-Dfunction=HexUpper", "-Dargs=null");
      assertAnswer(sqlNull, "null");
      assertThat(sqlNull.log())
          .contains(
              "Calling com.example.udfs.HexUpper [0] (text VARCHAR(2147483647)) ->"
                  + " VARCHAR(2147483647) on the shim:run server at 127.0.0.1:"
                  + maven.port())
          .doesNotContain("Forked JVM")
          .doesNotContain("No shim:run server");
    }
    assertGone(child);
  }

  @Test
  void wrongHandlerOrFunctionIsOneSentence() throws Exception {
    Build handler = build("shim:run", "-Dhandler=extractor");
    assertThat(handler.exit()).isNotZero();
    assertThat(handler.log())
        .contains("-Dhandler=extractor is not a handler; use extraction or execution.");

    Build function = build("shim:invoke", "-Dfunction=com.example.udfs.Nope", "-Dargs=1");
    assertThat(function.exit()).isNotZero();
    assertThat(function.log())
        .contains(
            "No UDF 'com.example.udfs.Nope' in this project; name one of its UDFs with -Dfunction,"
                + " closest first: com.example.udfs.AddOne, com.example.udfs.HexUpper,"
                + " com.example.udfs.RuntimeInfo, com.example.udfs.SplitWords.");

    Build simple = build("shim:invoke", "-Dfunction=addon", "-Dargs=1");
    assertThat(simple.exit()).isNotZero();
    assertThat(simple.log())
        .contains(
            "No UDF 'addon' in this project; name one of its UDFs with -Dfunction, closest first:"
                + " com.example.udfs.AddOne, com.example.udfs.HexUpper,"
                + " com.example.udfs.SplitWords, com.example.udfs.RuntimeInfo.");
  }

  /**
   * shim:run without -Dfunction serves every signature (runWithoutAFunction...); invoke needs one.
   */
  @Test
  void invokeWithoutAFunctionNamesTheChoices() throws Exception {
    Build build = build("shim:invoke");
    assertThat(build.exit()).isNotZero();
    assertThat(build.log())
        .contains(
            "Name the UDF with -Dfunction=<class>; this project has com.example.udfs.AddOne,"
                + " com.example.udfs.HexUpper, com.example.udfs.RuntimeInfo,"
                + " com.example.udfs.SplitWords.");
  }
}
