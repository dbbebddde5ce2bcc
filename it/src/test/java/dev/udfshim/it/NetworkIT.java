package dev.udfshim.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.udfshim.runtime.extraction.ExtractionHandler;
import dev.udfshim.runtime.handler.ConfigDirContext;
import dev.udfshim.runtime.server.HandlerHost;
import dev.udfshim.runtime.server.ShimServer;
import io.confluent.flink.udf.extractor.v1.ExtractionRequest;
import io.confluent.flink.udf.extractor.v1.ExtractionResponse;
import io.grpc.ChannelCredentials;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The server's network posture: TLS, mutual TLS, reflection off, idle connections closed. */
class NetworkIT {
  @TempDir static Path certificates;
  private static TestCertificates tls;
  @TempDir Path configDir;

  @BeforeAll
  static void createCertificates() throws Exception {
    tls = TestCertificates.create(certificates);
  }

  private ShimServer start(ShimServer.Tls serverTls, boolean reflection) throws Exception {
    return ShimServer.start(
        new ShimServer.Options("127.0.0.1", 0, serverTls, reflection),
        new HandlerHost(new ExtractionHandler(), new ConfigDirContext(configDir)));
  }

  private static byte[] addOneRequest() {
    return ExtractionRequest.newBuilder()
        .setClassName("tests.udf_fixtures.add_one")
        .build()
        .toByteArray();
  }

  private static ManagedChannel tlsChannel(int port, ChannelCredentials credentials) {
    return NettyChannelBuilder.forAddress(new InetSocketAddress("127.0.0.1", port), credentials)
        .overrideAuthority("localhost")
        .build();
  }

  private static void assertExtracts(ManagedChannel channel) throws Exception {
    ExtractionResponse response =
        ExtractionResponse.parseFrom(Calls.call(channel, addOneRequest()).payload());
    assertThat(response.getSignatures(0).getArgumentNamesList()).containsExactly("i", "j");
  }

  @Test
  void tlsServesClientsThatTrustItsCertificateAndNotPlaintextOnes() throws Exception {
    try (ShimServer server =
        start(new ShimServer.Tls(tls.serverCertificate, tls.serverKey, null), true)) {
      ManagedChannel trusting =
          tlsChannel(
              server.port(),
              TlsChannelCredentials.newBuilder().trustManager(tls.caCertificate.toFile()).build());
      ManagedChannel plaintext = Calls.channel(server.port());
      try {
        assertExtracts(trusting);
        Calls.assertStatus(
            () -> Calls.call(plaintext, addOneRequest(), 5_000), Status.Code.UNAVAILABLE, null);
      } finally {
        trusting.shutdownNow();
        plaintext.shutdownNow();
      }
    }
  }

  @Test
  void mutualTlsServesOnlyClientsWithACertificateTheCaSigned() throws Exception {
    try (ShimServer server =
        start(new ShimServer.Tls(tls.serverCertificate, tls.serverKey, tls.caCertificate), true)) {
      ManagedChannel withCertificate =
          tlsChannel(
              server.port(),
              TlsChannelCredentials.newBuilder()
                  .trustManager(tls.caCertificate.toFile())
                  .keyManager(tls.clientCertificate.toFile(), tls.clientKey.toFile())
                  .build());
      ManagedChannel without =
          tlsChannel(
              server.port(),
              TlsChannelCredentials.newBuilder().trustManager(tls.caCertificate.toFile()).build());
      try {
        assertExtracts(withCertificate);
        assertThatThrownBy(() -> Calls.call(without, addOneRequest(), 5_000))
            .isInstanceOf(StatusRuntimeException.class);
      } finally {
        withCertificate.shutdownNow();
        without.shutdownNow();
      }
    }
  }

  @Test
  void reflectionCanBeTurnedOff() throws Exception {
    try (ShimServer on = start(null, true);
        ShimServer off = start(null, false)) {
      ManagedChannel onChannel = Calls.channel(on.port());
      ManagedChannel offChannel = Calls.channel(off.port());
      try {
        assertThat(new ReflectionClient(onChannel).listServices())
            .contains("secure.compute.function.runtime.v2.FunctionRuntime");
        assertThatThrownBy(() -> new ReflectionClient(offChannel).listServices())
            .hasStackTraceContaining("UNIMPLEMENTED");
        assertExtracts(offChannel);
      } finally {
        onChannel.shutdownNow();
        offChannel.shutdownNow();
      }
    }
  }

  @Test
  void idleConnectionsAreClosedByTheServer() throws Exception {
    Files.writeString(configDir.resolve("shim.server.max.connection.idle"), "1 s");
    try (ShimServer server = start(null, true)) {
      ManagedChannel channel = Calls.channel(server.port());
      try {
        assertExtracts(channel);
        assertThat(channel.getState(false)).isEqualTo(ConnectivityState.READY);

        long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(15);
        while (channel.getState(false) == ConnectivityState.READY && System.nanoTime() < until) {
          Thread.sleep(50);
        }
        // The server sent GOAWAY: the channel went idle, and reconnects on the next call.
        assertThat(channel.getState(false)).isEqualTo(ConnectivityState.IDLE);
        assertExtracts(channel);
      } finally {
        channel.shutdownNow();
      }
    }
  }
}
