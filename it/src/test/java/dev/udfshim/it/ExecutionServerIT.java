package dev.udfshim.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.udfshim.protocol.config.ConfigKeys;
import dev.udfshim.protocol.framing.Framing;
import dev.udfshim.protocol.spec.SpecCodec;
import dev.udfshim.protocol.spec.UdfSpec;
import dev.udfshim.runtime.execution.ExecutionHandler;
import dev.udfshim.runtime.extraction.UdfExtractor;
import dev.udfshim.runtime.handler.ConfigDirContext;
import dev.udfshim.runtime.server.HandlerHost;
import dev.udfshim.runtime.server.ShimServer;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.HexFormat;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The execution handler behind the real server, with the spec in a config override dir. */
class ExecutionServerIT {
  @TempDir Path configDir;

  private interface Body {
    void run(ManagedChannel channel) throws Exception;
  }

  private void serve(Body body) throws Exception {
    try (ShimServer server =
        ShimServer.start(
            "127.0.0.1",
            0,
            new HandlerHost(new ExecutionHandler(), new ConfigDirContext(configDir)))) {
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
      try {
        body.run(channel);
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }
  }

  private static Calls.Answer invoke(ManagedChannel channel, byte[] payload) {
    return Calls.call(channel, payload);
  }

  private static byte[] b64(String text) {
    return Base64.getDecoder().decode(text);
  }

  private void writeSpec(String className, int signature) throws Exception {
    UdfSpec spec =
        new UdfExtractor(getClass().getClassLoader())
            .inspect(className)
            .signatures()
            .get(signature)
            .spec("plugin-1", className);
    Files.writeString(configDir.resolve(ConfigKeys.SPEC_VAR), SpecCodec.toBase64(spec) + "\n");
  }

  @Test
  void protocolExampleOverGrpcAndNullsAndErrorsWithoutStopping() throws Exception {
    Files.writeString(
        configDir.resolve(ConfigKeys.SPEC_VAR),
        "CghwbHVnaW4tMRIadGVzdHMudWRmX2ZpeHR1cmVzLmFkZF9vbmUaGgoYChYKCQoBaRoECAQQAQoJCgFqGgQIBBABIhAKDgoMCgoKAmYwGgQIBBAB");
    serve(
        channel -> {
          Calls.Answer three = invoke(channel, b64("AAAAAAAAAAABAAAAAAAAAAAC"));
          assertThat(Base64.getEncoder().encodeToString(three.payload())).isEqualTo("AAAAAAAAAAAD");
          assertThat(three.error()).isNull();

          assertThat(invoke(channel, b64("AQAAAAAAAAAAAg==")).payload()).containsExactly(1);

          // A first byte of 0x02 or above is a control frame (docs/protocol.md), not a null flag.
          Calls.Answer garbage = invoke(channel, new byte[] {9, 9});
          assertThat(garbage.text())
              .isEqualTo(
                  "Unknown control frame 0x09: this server speaks protocol 1 (0x02 describe, 0x03"
                      + " batch); update the client or the server so both speak the same frames.");
          assertThat(garbage.error()).isEqualTo(garbage.text());

          Calls.Answer leftover = invoke(channel, HexFormat.of().parseHex("0101ff"));
          assertThat(leftover.text())
              .isEqualTo(
                  "This server runs tests.udf_fixtures.add_one (i BIGINT, j BIGINT) -> BIGINT,"
                      + " which the payload of 3 byte(s) (0101ff) does not fit: the payload has 1"
                      + " bytes left after the last of its 2 arguments; a call for another"
                      + " signature or server?");

          assertThat(
                  Base64.getEncoder()
                      .encodeToString(invoke(channel, b64("AAAAAAAAAAABAAAAAAAAAAAC")).payload()))
              .isEqualTo("AAAAAAAAAAAD");
        });
  }

  @Test
  void batchesOverGrpcAnswerEveryRowAndBadFramingIsAnErrorAnswer() throws Exception {
    writeSpec("tests.udf_fixtures.add_one", 0);
    Files.writeString(configDir.resolve(Framing.BATCH_VAR), "true");
    serve(
        channel -> {
          // The batch example of docs/protocol.md: (1, 2) and (NULL, 5).
          Calls.Answer rows =
              invoke(
                  channel,
                  HexFormat.of()
                      .parseHex(
                          "00000002"
                              + "000000000000000001"
                              + "000000000000000002"
                              + "01"
                              + "000000000000000005"));
          assertThat(rows.error()).isNull();
          assertThat(HexFormat.of().formatHex(rows.payload()))
              .isEqualTo("00000002" + "000000000000000003" + "01");

          Calls.Answer truncated =
              invoke(channel, HexFormat.of().parseHex("00000002000000000000000001"));
          assertThat(truncated.error())
              .startsWith("Row index 0 of 2: Cannot decode argument 2 (j BIGINT)");
          assertThat(truncated.text()).isEqualTo(truncated.error());

          Calls.Answer tooMany = invoke(channel, HexFormat.of().parseHex("00001001"));
          assertThat(tooMany.error())
              .isEqualTo(
                  "The batch declares 4097 rows; send from 0 to 4096 rows per call"
                      + " (shim.execution.batch.max.rows).");
        });
  }

  @Test
  void tableFunctionAnswersAllRowsItEmitted() throws Exception {
    writeSpec("dev.udfshim.fixtures.SplitWords", 0);
    serve(
        channel -> {
          // VARCHAR "to be": flag, length 5, bytes.
          Calls.Answer rows = invoke(channel, HexFormat.of().parseHex("00000000057" + "46f206265"));
          assertThat(HexFormat.of().formatHex(rows.payload()))
              .isEqualTo("00000002" + "0000000002746f" + "00000000026265");
          assertThat(HexFormat.of().formatHex(invoke(channel, new byte[] {1}).payload()))
              .isEqualTo("00000000");
        });
  }

  @Test
  void udfExceptionIsAnsweredAndTheNextCallWorks() throws Exception {
    writeSpec("dev.udfshim.fixtures.Exec$Fails", 0);
    serve(
        channel -> {
          Calls.Answer failed = invoke(channel, HexFormat.of().parseHex("00ffffffffffffffff"));
          assertThat(failed.text())
              .isEqualTo(
                  "dev.udfshim.fixtures.Exec$Fails.eval threw java.lang.IllegalArgumentException:"
                      + " negative input -1 Caused by: java.lang.ArithmeticException: cannot take"
                      + " the root");
          assertThat(failed.error()).isEqualTo(failed.text());
          Calls.Answer ok = invoke(channel, HexFormat.of().parseHex("000000000000000007"));
          assertThat(HexFormat.of().formatHex(ok.payload())).isEqualTo("000000000000000007");
        });
  }

  @Test
  void missingSpecIsAnsweredToEveryCall() throws Exception {
    serve(
        channel -> {
          for (int i = 0; i < 2; i++) {
            Calls.Answer answer = invoke(channel, new byte[] {1});
            assertThat(answer.text())
                .isEqualTo(
                    "The handler could not start: Config var spec_base64 is not set; write the"
                        + " output of `gen-spec` into the file spec_base64 of the config override"
                        + " dir.");
            assertThat(answer.error()).isEqualTo(answer.text());
          }
        });
  }

  @Test
  void specWhoseTypesMatchNoEvalIsAnsweredToEveryCall() throws Exception {
    UdfSpec wrong =
        new UdfExtractor(getClass().getClassLoader())
            .inspect("tests.udf_fixtures.add_one")
            .signatures()
            .get(0)
            .spec("p", "dev.udfshim.fixtures.SplitWords");
    Files.writeString(configDir.resolve(ConfigKeys.SPEC_VAR), SpecCodec.toBase64(wrong));
    serve(
        channel ->
            assertThat(invoke(channel, new byte[] {1, 1}).text())
                .isEqualTo(
                    "The handler could not start: spec_base64 asks"
                        + " 'dev.udfshim.fixtures.SplitWords' for (i BIGINT, j BIGINT) -> BIGINT,"
                        + " but its signatures are (text VARCHAR(2147483647)) ->"
                        + " VARCHAR(2147483647); regenerate the spec with `gen-spec` for one of"
                        + " these."));
  }

  @Test
  void garbageSpecIsAnsweredToEveryCall() throws Exception {
    Files.writeString(configDir.resolve(ConfigKeys.SPEC_VAR), "%%%");
    serve(
        channel ->
            assertThat(invoke(channel, new byte[0]).text())
                .startsWith("The handler could not start: spec_base64 is not valid base64 ("));
  }

  @Test
  void aDrainAnswersCallsStillRunningAtTheEndOfTheGrace() throws Exception {
    writeSpec("dev.udfshim.fixtures.Exec$Sleeps", 0);
    Files.writeString(configDir.resolve("shim.shutdown.grace"), "300 ms");
    ShimServer server =
        ShimServer.start(
            "127.0.0.1",
            0,
            new HandlerHost(new ExecutionHandler(), new ConfigDirContext(configDir)));
    ManagedChannel channel = Calls.channel(server.port());
    try {
      java.util.concurrent.CompletableFuture<Calls.Answer> slow =
          java.util.concurrent.CompletableFuture.supplyAsync(
              () -> Calls.call(channel, Calls.bigint(10_000)));
      Thread.sleep(500);

      ShimServer.Stopped stopped = server.shutdown("test");

      assertThat(stopped.drained().cutOff()).isOne();
      assertThat(stopped.exitCode()).isEqualTo(2);
      Calls.assertStatus(
          () -> slow.get(10, TimeUnit.SECONDS),
          io.grpc.Status.Code.UNAVAILABLE,
          "The server is shutting down and this call did not finish within the 300 ms grace"
              + " (shim.shutdown.grace); send it again.");
    } finally {
      channel.shutdownNow();
    }
  }
}
