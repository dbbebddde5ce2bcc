package dev.udfshim.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.udfshim.flink.client.CallSettings;
import dev.udfshim.flink.client.ClientMetrics;
import dev.udfshim.flink.client.Endpoint;
import dev.udfshim.flink.client.Endpoints;
import dev.udfshim.flink.client.RemoteCall;
import dev.udfshim.flink.client.RemoteUdfException;
import dev.udfshim.flink.client.Security;
import dev.udfshim.flink.client.ShimChannels;
import dev.udfshim.protocol.layout.ShimLayout;
import dev.udfshim.runtime.handler.ConfigDirContext;
import dev.udfshim.runtime.handler.Handler;
import dev.udfshim.runtime.server.HandlerHost;
import dev.udfshim.runtime.server.ShimServer;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import io.grpc.stub.MetadataUtils;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.table.api.TableEnvironment;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import secure.compute.function.runtime.v2.FunctionRuntimeGrpc;
import secure.compute.function.runtime.v2.InvokeRequest;

/**
 * shim-flink's client against real TLS, mutual TLS and token servers over real gRPC, with
 * certificates made in the test: each works, and each mistake is one sentence naming the fix. The
 * last test runs a Flink SQL query through the module against {@code serve --all} with all three.
 */
class SecureClientIT {
  @TempDir static Path certificates;
  private static TestCertificates tls;
  @TempDir Path configDir;

  /** Answers its payload reversed, and counts how often it ran: the "user code". */
  private final AtomicInteger ran = new AtomicInteger();

  private final Handler echo =
      (payload, context) -> {
        ran.incrementAndGet();
        byte[] answer = payload.clone();
        for (int i = 0; i < answer.length / 2; i++) {
          byte b = answer[i];
          answer[i] = answer[answer.length - 1 - i];
          answer[answer.length - 1 - i] = b;
        }
        return answer;
      };

  @BeforeAll
  static void createCertificates() throws Exception {
    tls = TestCertificates.create(certificates);
  }

  private ShimServer start(ShimServer.Tls serverTls) throws Exception {
    return ShimServer.start(
        new ShimServer.Options("127.0.0.1", 0, serverTls, true),
        new HandlerHost(echo, new ConfigDirContext(configDir)));
  }

  private static ShimServer.Tls serverTls(boolean clientCertificates) {
    return new ShimServer.Tls(
        tls.serverCertificate, tls.serverKey, clientCertificates ? tls.caCertificate : null);
  }

  private static Security trusting() {
    return new Security(true, tls.caCertificate.toString(), null, null, null, null, null);
  }

  /** One call through the module's channel and call path; the answer or the exception. */
  private static byte[] call(int port, Security security) throws Exception {
    Endpoints endpoints = Endpoints.of(new Endpoint("127.0.0.1", port));
    CallSettings settings =
        new CallSettings(Duration.ofSeconds(10), 1, Duration.ofMillis(100), Duration.ofSeconds(1));
    try (ShimChannels.Lease lease = ShimChannels.acquire(endpoints, settings, security)) {
      RemoteCall call =
          new RemoteCall(
              lease.channel(),
              "Echo signature 0 at " + endpoints,
              "bin/shim serve",
              settings,
              endpoints,
              security,
              ClientMetrics.NONE);
      try {
        return call.invoke(new byte[] {1, 2, 3}).get(20, TimeUnit.SECONDS);
      } catch (ExecutionException e) {
        throw (Exception) e.getCause();
      }
    }
  }

  @Test
  void tlsAndItsMistakes() throws Exception {
    try (ShimServer server = start(serverTls(false))) {
      assertThat(call(server.port(), trusting())).containsExactly(3, 2, 1);
      Security byName =
          new Security(true, tls.caCertificate.toString(), null, null, "localhost", null, null);
      assertThat(call(server.port(), byName)).containsExactly(3, 2, 1);

      assertThatThrownBy(
              () -> call(server.port(), new Security(true, null, null, null, null, null, null)))
          .isInstanceOf(RemoteUdfException.class)
          .hasMessageContaining("is not signed by a CA this client trusts; set 'tls.ca-file'");
      Security wrongName =
          new Security(true, tls.caCertificate.toString(), null, null, "shim.example", null, null);
      assertThatThrownBy(() -> call(server.port(), wrongName))
          .hasMessageContaining("does not name the host the endpoint names")
          .hasMessageContaining("set 'tls.authority'");
      assertThatThrownBy(() -> call(server.port(), Security.NONE))
          .hasMessageContaining(
              "speaks TLS, but this client speaks plaintext; set 'tls.enabled' = 'true'");
    }
    try (ShimServer plaintext = start(null)) {
      assertThatThrownBy(() -> call(plaintext.port(), trusting()))
          .hasMessageContaining("speaks plaintext, but this client speaks TLS");
    }
    assertThat(ran).hasValue(2);
  }

  @Test
  void mutualTlsAndItsMistake() throws Exception {
    try (ShimServer server = start(serverTls(true))) {
      Security withCertificate =
          new Security(
              true,
              tls.caCertificate.toString(),
              tls.clientCertificate.toString(),
              tls.clientKey.toString(),
              null,
              null,
              null);
      assertThat(call(server.port(), withCertificate)).containsExactly(3, 2, 1);
      assertThatThrownBy(() -> call(server.port(), trusting()))
          .hasMessageContaining(
              "requires a client certificate (mutual TLS); set 'tls.cert-file' and"
                  + " 'tls.key-file'");
    }
  }

  @Test
  void aTokenServerRunsNoUserCodeForACallWithoutItsToken() throws Exception {
    Files.writeString(configDir.resolve("shim.server.token"), "s3cret\n");
    Path tokenFile = configDir.resolve("shim.server.token");
    Path wrongFile = Files.writeString(certificates.resolve("wrong.token"), "guess");
    try (ShimServer server = start(null)) {
      Security token = new Security(false, null, null, null, null, tokenFile.toString(), null);
      assertThat(call(server.port(), token)).containsExactly(3, 2, 1);
      assertThat(ran).hasValue(1);

      assertThatThrownBy(() -> call(server.port(), Security.NONE))
          .hasMessageContaining("refused the call: This server takes calls with a bearer token")
          .hasMessageContaining("Set 'auth.token-file' to a file holding the servers' token.");
      Security wrong = new Security(false, null, null, null, null, wrongFile.toString(), null);
      assertThatThrownBy(() -> call(server.port(), wrong))
          .hasMessageContaining("The bearer token is not this server's")
          .hasMessageContaining("Check 'auth.token-file' against the servers' token.");
      assertThat(ran).as("no user code ran for the refused calls").hasValue(1);

      // On the wire, as any gRPC client sees it: UNAUTHENTICATED, and still no user code.
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
      try {
        Calls.assertStatus(
            () -> Calls.call(channel, new byte[] {1, 2}),
            Status.Code.UNAUTHENTICATED,
            "takes calls with a bearer token only");
        Metadata guess = new Metadata();
        guess.put(
            Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer s3cre");
        Calls.assertStatus(
            () ->
                FunctionRuntimeGrpc.newBlockingStub(channel)
                    .withInterceptors(MetadataUtils.newAttachHeadersInterceptor(guess))
                    .withDeadlineAfter(30, TimeUnit.SECONDS)
                    .invoke(
                        InvokeRequest.newBuilder()
                            .setPayload(ByteString.copyFrom(new byte[] {1, 2}))
                            .build()),
            Status.Code.UNAUTHENTICATED,
            "The bearer token is not this server's");
      } finally {
        channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
      assertThat(ran).as("no user code ran for the refused wire calls").hasValue(1);
    }
  }

  @Test
  void flinkSqlOverMutualTlsWithATokenAgainstServeAll(@TempDir Path unpacked) throws Exception {
    ShimZip zip =
        ShimZip.unpack("udf-project-flink-sql", "flink-sql-udfs-1.0.0-shim.zip", unpacked);
    Path shared = Files.createDirectories(unpacked.resolve("shared"));
    Files.writeString(shared.resolve("shim.server.token"), "fleet-token");
    try (ShimProcess all =
            ShimProcess.start(
                List.of(
                    zip.root().resolve(ShimLayout.LAUNCHER).toString(),
                    "serve",
                    "--all",
                    "--port",
                    "0",
                    "--config_override_dir",
                    shared.toString(),
                    "--tls-cert",
                    tls.serverCertificate.toString(),
                    "--tls-key",
                    tls.serverKey.toString(),
                    "--tls-client-ca",
                    tls.caCertificate.toString()));
        FlinkCluster flink = FlinkCluster.start()) {
      String statement = all.awaitLine(l -> l.startsWith("LOAD MODULE shim WITH ("), 120_000);
      assertThat(statement)
          .contains("'auth.token-file' = '" + shared.resolve("shim.server.token") + "'")
          .contains("'tls.enabled' = 'true'");
      String withClientFiles =
          statement.substring(0, statement.length() - 2)
              + ", 'tls.ca-file' = '"
              + tls.caCertificate
              + "', 'tls.cert-file' = '"
              + tls.clientCertificate
              + "', 'tls.key-file' = '"
              + tls.clientKey
              + "')";
      TableEnvironment env = flink.environment(true, List.of(), Map.of());
      env.executeSql(withClientFiles);
      env.executeSql(
          "CREATE TEMPORARY TABLE src (id BIGINT) WITH ('connector' = 'datagen',"
              + " 'number-of-rows' = '5', 'fields.id.kind' = 'sequence', 'fields.id.start' = '1',"
              + " 'fields.id.end' = '5')");
      List<Row> rows =
          FlinkCluster.rows(
              env,
              "SELECT id, AddOne(CASE WHEN id = 3 THEN CAST(NULL AS BIGINT) ELSE id END) FROM src");
      assertThat(rows)
          .containsExactlyInAnyOrder(
              Row.of(1L, 2L), Row.of(2L, 3L), Row.of(3L, null), Row.of(4L, 5L), Row.of(5L, 6L));
    }
  }
}
