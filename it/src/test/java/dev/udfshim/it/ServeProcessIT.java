package dev.udfshim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import io.confluent.flink.udf.extractor.v1.ExtractionRequest;
import io.confluent.flink.udf.extractor.v1.ExtractionResponse;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import secure.compute.function.runtime.v2.FunctionRuntimeGrpc;
import secure.compute.function.runtime.v2.InvokeRequest;

/**
 * The runtime as users start it: {@code java -jar shim-runtime.jar serve ...} in its own process.
 */
class ServeProcessIT {
  private static final Pattern READY =
      Pattern.compile(
          "FunctionRuntime server listening on 127\\.0\\.0\\.1:(\\d+) with handler (\\S+)");

  @TempDir Path work;

  private static Path runtimeJar() {
    return Path.of(System.getProperty("shim.runtime.jar"));
  }

  private static ProcessBuilder shim(String... args) {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("-jar");
    command.add(runtimeJar().toString());
    command.addAll(List.of(args));
    return new ProcessBuilder(command).redirectErrorStream(true);
  }

  private static String run(ProcessBuilder builder, int expectedExit) throws Exception {
    Process process = builder.start();
    String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    assertThat(process.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(process.exitValue()).as(output).isEqualTo(expectedExit);
    return output;
  }

  @Test
  void helpListsTheServerOptions() throws Exception {
    String help = run(shim("serve", "--help"), 0);

    assertThat(help)
        .contains(
            "--handler_name", "--handler-name", "--config_override_dir", "--config-override-dir")
        .contains("--port", "Default: 50051", "--udf-classpath");
    assertThat(run(shim("--help"), 0)).contains("serve", "extract");
  }

  @Test
  void servesExtractionFromItsOwnProcessAndStopsOnSignal() throws Exception {
    Path configDir = Files.createDirectory(work.resolve("scp_config"));
    Process process =
        shim(
                "serve",
                "--handler_name",
                "extraction",
                "--config_override_dir",
                configDir.toString(),
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--udf-classpath",
                System.getProperty("shim.fixtures.jar"))
            .start();
    try {
      BufferedReader log =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      Matcher ready =
          CompletableFuture.supplyAsync(() -> awaitReady(log)).get(60, TimeUnit.SECONDS);
      assertThat(ready.group(2)).isEqualTo("dev.udfshim.runtime.extraction.ExtractionHandler");
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", Integer.parseInt(ready.group(1)))
              .usePlaintext()
              .build();
      try {
        byte[] response =
            FunctionRuntimeGrpc.newBlockingStub(channel)
                .withDeadlineAfter(30, TimeUnit.SECONDS)
                .invoke(
                    InvokeRequest.newBuilder()
                        .setPayload(
                            ExtractionRequest.newBuilder()
                                .setClassName("dev.udfshim.fixtures.WordLengths")
                                .build()
                                .toByteString())
                        .build())
                .getPayload()
                .toByteArray();
        assertThat(ExtractionResponse.parseFrom(response).getSignatures(0).getReturnType())
            .isEqualTo("ROW<`word` VARCHAR(2147483647), `length` INT>");
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      process.destroy();
      assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
      assertThat(process.isAlive()).isFalse();
    } finally {
      process.destroyForcibly();
    }
  }

  /** The seed's spec_tools round trip, from separate processes as a shell would run them. */
  @Test
  void specToolsRoundTripAgainstAnExecutionServerProcess() throws Exception {
    String fixtures = System.getProperty("shim.fixtures.jar");
    Path configDir = Files.createDirectory(work.resolve("scp_config"));
    String spec =
        run(shim("gen-spec", "--udf-classpath", fixtures, "tests.udf_fixtures.add_one"), 0);
    Files.writeString(configDir.resolve("spec_base64"), spec);
    String payload =
        run(
                shim(
                    "encode-args",
                    "--udf-classpath",
                    fixtures,
                    "tests.udf_fixtures.add_one",
                    "1",
                    "2"),
                0)
            .strip();
    assertThat(payload).isEqualTo("AAAAAAAAAAABAAAAAAAAAAAC");

    Process server =
        shim(
                "serve",
                "--handler_name",
                "execution",
                "--config_override_dir",
                configDir.toString(),
                "--host",
                "127.0.0.1",
                "--port",
                "0",
                "--udf-classpath",
                fixtures)
            .start();
    try {
      BufferedReader log =
          new BufferedReader(
              new InputStreamReader(server.getInputStream(), StandardCharsets.UTF_8));
      Matcher ready =
          CompletableFuture.supplyAsync(() -> awaitReady(log)).get(60, TimeUnit.SECONDS);
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", Integer.parseInt(ready.group(1)))
              .usePlaintext()
              .build();
      String response;
      try {
        response =
            Base64.getEncoder()
                .encodeToString(
                    FunctionRuntimeGrpc.newBlockingStub(channel)
                        .withDeadlineAfter(30, TimeUnit.SECONDS)
                        .invoke(
                            InvokeRequest.newBuilder()
                                .setPayload(
                                    ByteString.copyFrom(Base64.getDecoder().decode(payload)))
                                .build())
                        .getPayload()
                        .toByteArray());
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      Process decode =
          shim("decode-result", "--udf-classpath", fixtures, "tests.udf_fixtures.add_one", "-")
              .start();
      decode.getOutputStream().write((response + "\n").getBytes(StandardCharsets.UTF_8));
      decode.getOutputStream().close();
      assertThat(new String(decode.getInputStream().readAllBytes(), StandardCharsets.UTF_8))
          .isEqualTo("3\n");
      assertThat(decode.waitFor()).isZero();
    } finally {
      server.destroy();
      assertThat(server.waitFor(30, TimeUnit.SECONDS)).isTrue();
    }
  }

  private static Matcher awaitReady(BufferedReader log) {
    try {
      for (String line = log.readLine(); line != null; line = log.readLine()) {
        Matcher matcher = READY.matcher(line);
        if (matcher.find()) {
          return matcher;
        }
      }
      throw new IllegalStateException("the server exited before it was ready");
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void missingConfigDirIsOneSentenceAndExitCodeOne() throws Exception {
    Path missing = work.resolve("nope");

    String output =
        run(
            shim(
                "serve",
                "--handler_name",
                "extraction",
                "--config_override_dir",
                missing.toString()),
            1);

    assertThat(output.strip())
        .isEqualTo(
            "error: Config override dir "
                + missing
                + " does not exist; create it (it may be empty).");
  }

  @Test
  void unknownHandlerNamesTheChoices() throws Exception {
    String output = run(shim("serve", "--handler-name", "extractor", "--port", "0"), 1);

    assertThat(output.strip())
        .isEqualTo(
            "error: Unknown handler 'extractor': pass one of ExecutionHandler, ExtractionHandler,"
                + " execution, extraction, or the class name of a dev.udfshim.runtime.handler.Handler on the class path.");
  }

  @Test
  void missingRequiredOptionIsAUsageError() throws Exception {
    String output = run(shim("serve"), 2);

    assertThat(output).contains("Missing required option: '--handler_name=<name>'");
  }

  @Test
  void extractCommandPrintsSignatures() throws Exception {
    String output =
        run(
            shim(
                "extract",
                "--udf-classpath",
                System.getProperty("shim.fixtures.jar"),
                "tests.udf_fixtures.add_one"),
            0);

    assertThat(output)
        .isEqualTo(
            "tests.udf_fixtures.add_one: SCALAR, deterministic\n"
                + "  [0] (i BIGINT, j BIGINT) -> BIGINT\n");
  }
}
