package dev.udfshim.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.udfshim.flink.client.CallSettings;
import dev.udfshim.flink.client.Endpoint;
import dev.udfshim.flink.client.Endpoints;
import dev.udfshim.flink.function.BoundSignature;
import dev.udfshim.flink.function.ClientSettings;
import dev.udfshim.flink.function.Connection;
import dev.udfshim.flink.signatures.ShimSignature;
import dev.udfshim.protocol.config.ConfigKeys;
import dev.udfshim.protocol.framing.ControlFrames;
import dev.udfshim.protocol.spec.SpecCodec;
import dev.udfshim.runtime.execution.ExecutionHandler;
import dev.udfshim.runtime.extraction.ExtractionHandler;
import dev.udfshim.runtime.extraction.UdfExtractor;
import dev.udfshim.runtime.handler.ConfigDirContext;
import dev.udfshim.runtime.handler.Handler;
import dev.udfshim.runtime.server.HandlerHost;
import dev.udfshim.runtime.server.ShimServer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.apache.flink.table.types.logical.BigIntType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The check a function makes when it opens, against real servers over real gRPC: an extraction
 * server, and a server that describes another signature, each fail it with one sentence; an
 * execution server that does not answer the describe frame is left unchecked and serves.
 */
class ServerCheckIT {
  private static final String ADD_ONE = "tests.udf_fixtures.add_one";
  private static final ShimSignature SIGNATURE =
      new ShimSignature(
          0, List.of("i", "j"), List.of(new BigIntType(), new BigIntType()), new BigIntType());

  @TempDir Path configDir;

  /** Opens a function's connection as a Flink task does: the check runs in the open. */
  private static void check(ShimServer server) {
    Endpoints endpoints = Endpoints.of(new Endpoint("127.0.0.1", server.port()));
    CallSettings settings =
        new CallSettings(Duration.ofSeconds(10), 1, Duration.ofMillis(100), Duration.ofSeconds(1));
    ClientSettings client =
        new ClientSettings(false, false, false, 0, Duration.ZERO, 1, settings, 0);
    try (Connection connection =
        Connection.open(new BoundSignature(ADD_ONE, SIGNATURE, endpoints, true, client), false)) {
      assertThat(connection.maxRows()).isPositive();
    }
  }

  private ShimServer start(Handler handler) throws Exception {
    return ShimServer.start(
        "127.0.0.1", 0, new HandlerHost(handler, new ConfigDirContext(configDir)));
  }

  @Test
  void anExtractionServerIsNamedAsSuch() throws Exception {
    try (ShimServer server = start(new ExtractionHandler())) {
      assertThatThrownBy(() -> check(server))
          .hasMessageContaining(
              "is an extraction server (it answered with an ExtractionResponse); point the"
                  + " endpoint at the execution server of scp_config/"
                  + ADD_ONE
                  + "/0");
    }
  }

  @Test
  void aServerOfAnotherSignatureIsNamedWithTheFix() throws Exception {
    Handler other =
        (payload, context) ->
            new ControlFrames.Description(
                    ControlFrames.PROTOCOL_VERSION,
                    "execution",
                    "com.example.Other",
                    1,
                    List.of("INT"),
                    "INT",
                    "SCALAR",
                    true,
                    4096)
                .encode();
    try (ShimServer server = start(other)) {
      assertThatThrownBy(() -> check(server))
          .hasMessageContaining(
              "serves com.example.Other signature 1 (INT) -> INT, not the one the endpoint names"
                  + " ((BIGINT, BIGINT) -> BIGINT); fix 'endpoints', or start that server with"
                  + " --config_override_dir scp_config/"
                  + ADD_ONE
                  + "/0.");
    }
  }

  @Test
  void theRightServerPasses() throws Exception {
    Files.writeString(
        configDir.resolve(ConfigKeys.SPEC_VAR),
        SpecCodec.toBase64(
            new UdfExtractor(getClass().getClassLoader())
                .inspect(ADD_ONE)
                .signatures()
                .get(0)
                .spec("", ADD_ONE)));
    try (ShimServer server = start(new ExecutionHandler())) {
      assertThatCode(() -> check(server)).doesNotThrowAnyException();
      assertThat(Calls.health(Calls.channel(server.port())).name()).isEqualTo("SERVING");
    }
  }
}
