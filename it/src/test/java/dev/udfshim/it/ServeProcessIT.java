package dev.udfshim.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.udfshim.protocol.config.ConfigKeys;
import dev.udfshim.protocol.layout.ShimLayout;
import io.confluent.flink.udf.extractor.v1.ExtractionRequest;
import io.confluent.flink.udf.extractor.v1.ExtractionResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime as users start it: {@code java -jar shim-runtime.jar serve ...} in its own process.
 */
class ServeProcessIT {
  @TempDir Path work;

  private static List<String> shimCommand(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(System.getProperty("shim.runtime.jar"));
    command.addAll(List.of(args));
    return command;
  }

  /** serve on a free loopback port, with the fixture UDFs. */
  private static List<String> serveCommand(String handler, Path configDir) {
    List<String> command = shimCommand();
    command.addAll(ShimProcess.serveArguments(handler, configDir));
    command.add("--udf-classpath");
    command.add(System.getProperty("shim.fixtures.jar"));
    return command;
  }

  /**
   * Runs the CLI; returns standard output when it succeeds, standard error when it fails, without
   * the JVM's own warning lines (newer JDKs print some about netty and protobuf).
   */
  private static String run(int expectedExit, String... args) throws Exception {
    Path stderr = Files.createTempFile("shim-stderr", ".txt");
    Process process = new ProcessBuilder(shimCommand(args)).redirectError(stderr.toFile()).start();
    String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    String err =
        Files.readAllLines(stderr).stream()
            .filter(line -> !line.startsWith("WARNING: "))
            .map(line -> line + "\n")
            .collect(java.util.stream.Collectors.joining());
    assertThat(process.exitValue()).as(out + err).isEqualTo(expectedExit);
    return expectedExit == 0 ? out : err;
  }

  @Test
  void helpListsTheServerOptions() throws Exception {
    String help = run(0, "serve", "--help");

    assertThat(help)
        .contains(
            "--handler_name", "--handler-name", "--config_override_dir", "--config-override-dir")
        .contains("--port", "Default: 50051", "--udf-classpath");
    assertThat(run(0, "--help"))
        .contains("serve", "extract", "gen-spec", "encode-args", "decode-result");
  }

  @Test
  void servesExtractionFromItsOwnProcessAndStopsOnSignal() throws Exception {
    Path configDir = Files.createDirectory(work.resolve(ShimLayout.CONFIG_ROOT));
    ShimProcess server = ShimProcess.start(serveCommand("extraction", configDir));
    try (server) {
      assertThat(server.handler()).isEqualTo("dev.udfshim.runtime.extraction.ExtractionHandler");
      byte[] response =
          Calls.invoke(
              server.port(),
              ExtractionRequest.newBuilder()
                  .setClassName("dev.udfshim.fixtures.WordLengths")
                  .build()
                  .toByteArray());
      assertThat(ExtractionResponse.parseFrom(response).getSignatures(0).getReturnType())
          .isEqualTo("ROW<`word` VARCHAR(2147483647), `length` INT>");
    }
    assertThat(server.process().isAlive()).isFalse();
  }

  /** The seed's spec_tools round trip, from separate processes as a shell would run them. */
  @Test
  void specToolsRoundTripAgainstAnExecutionServerProcess() throws Exception {
    String fixtures = System.getProperty("shim.fixtures.jar");
    Path configDir = Files.createDirectory(work.resolve(ShimLayout.CONFIG_ROOT));
    String spec = run(0, "gen-spec", "--udf-classpath", fixtures, "tests.udf_fixtures.add_one");
    Files.writeString(configDir.resolve(ConfigKeys.SPEC_VAR), spec);
    String payload =
        run(0, "encode-args", "--udf-classpath", fixtures, "tests.udf_fixtures.add_one", "1", "2")
            .strip();
    assertThat(payload).isEqualTo("AAAAAAAAAAABAAAAAAAAAAAC");

    try (ShimProcess server = ShimProcess.start(serveCommand("execution", configDir))) {
      String response =
          Base64.getEncoder()
              .encodeToString(Calls.invoke(server.port(), Base64.getDecoder().decode(payload)));
      Process decode =
          new ProcessBuilder(
                  shimCommand(
                      "decode-result",
                      "--udf-classpath",
                      fixtures,
                      "tests.udf_fixtures.add_one",
                      "-"))
              .start();
      decode.getOutputStream().write((response + "\n").getBytes(StandardCharsets.UTF_8));
      decode.getOutputStream().close();
      assertThat(new String(decode.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("3\n");
      assertThat(decode.waitFor()).isZero();
    }
  }

  /** The CLI's invoke against a server process: readable answers, exit 1 on error answers. */
  @Test
  void invokeCommandPrintsResultsAndErrors() throws Exception {
    String fixtures = System.getProperty("shim.fixtures.jar");
    Path configDir = Files.createDirectory(work.resolve("exec_config"));
    Files.writeString(
        configDir.resolve(ConfigKeys.SPEC_VAR),
        run(0, "gen-spec", "--udf-classpath", fixtures, "dev.udfshim.fixtures.Exec$Fails"));
    try (ShimProcess server = ShimProcess.start(serveCommand("execution", configDir))) {
      String target = "127.0.0.1:" + server.port();
      String[] call = {
        "invoke",
        "--udf-classpath",
        fixtures,
        "--target",
        target,
        "-f",
        "dev.udfshim.fixtures.Exec$Fails"
      };
      assertThat(run(0, concat(call, "7"))).isEqualTo("7\n");
      assertThat(run(1, concat(call, "-1")))
          .isEqualTo(
              "error: dev.udfshim.fixtures.Exec$Fails.eval threw"
                  + " java.lang.IllegalArgumentException: negative input -1 Caused by:"
                  + " java.lang.ArithmeticException: cannot take the root\n");
      assertThat(run(1, "invoke", "--target", "127.0.0.1:1", "-f", "x.Y", "--extract"))
          .startsWith("error: the call to 127.0.0.1:1 failed (UNAVAILABLE");
    }
  }

  private static String[] concat(String[] head, String... tail) {
    String[] all = java.util.Arrays.copyOf(head, head.length + tail.length);
    System.arraycopy(tail, 0, all, head.length, tail.length);
    return all;
  }

  @Test
  void missingConfigDirIsOneSentenceAndExitCodeOne() throws Exception {
    Path missing = work.resolve("nope");

    String output =
        run(
            1,
            "serve",
            "--handler_name",
            "extraction",
            "--config_override_dir",
            missing.toString());

    assertThat(output.strip())
        .isEqualTo(
            "error: Config override dir "
                + missing
                + " does not exist; create it (it may be empty).");
  }

  @Test
  void unknownHandlerNamesTheChoices() throws Exception {
    String output = run(1, "serve", "--handler-name", "extractor", "--port", "0");

    assertThat(output.strip())
        .isEqualTo(
            "error: Unknown handler 'extractor': pass one of ExecutionHandler, ExtractionHandler,"
                + " execution, extraction, or the class name of a"
                + " dev.udfshim.runtime.handler.Handler on the class path.");
  }

  @Test
  void missingRequiredOptionIsAUsageError() throws Exception {
    assertThat(run(2, "serve")).contains("Missing required option: '--handler_name=<name>'");
  }

  @Test
  void extractCommandPrintsSignatures() throws Exception {
    String output =
        run(
            0,
            "extract",
            "--udf-classpath",
            System.getProperty("shim.fixtures.jar"),
            "tests.udf_fixtures.add_one");

    assertThat(output)
        .isEqualTo(
            "tests.udf_fixtures.add_one: SCALAR, deterministic\n"
                + "  [0] (i BIGINT, j BIGINT) -> BIGINT\n");
  }
}
