package dev.udfshim.it;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import com.google.protobuf.DynamicMessage;
import dev.udfshim.runtime.extraction.ExtractionHandler;
import dev.udfshim.runtime.handler.ConfigDirContext;
import dev.udfshim.runtime.server.HandlerHost;
import dev.udfshim.runtime.server.ShimServer;
import io.confluent.flink.udf.extractor.v1.ErrorCode;
import io.confluent.flink.udf.extractor.v1.ExtractionRequest;
import io.confluent.flink.udf.extractor.v1.ExtractionResponse;
import io.grpc.ManagedChannel;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import secure.compute.function.runtime.v2.FunctionRuntimeGrpc;
import secure.compute.function.runtime.v2.FunctionRuntimeGrpc.FunctionRuntimeBlockingStub;
import secure.compute.function.runtime.v2.InvokeRequest;

/** The extraction handler behind the real server, called over real gRPC on loopback. */
class ExtractionServerIT {
  @TempDir static Path configDir;
  private static ShimServer server;
  private static ManagedChannel channel;

  @BeforeAll
  static void start() throws Exception {
    server =
        ShimServer.start(
            "127.0.0.1",
            0,
            new HandlerHost(new ExtractionHandler(), new ConfigDirContext(configDir)));
    channel = NettyChannelBuilder.forAddress("127.0.0.1", server.port()).usePlaintext().build();
  }

  @AfterAll
  static void stop() throws Exception {
    channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    server.close();
  }

  private static FunctionRuntimeBlockingStub stub() {
    return FunctionRuntimeGrpc.newBlockingStub(channel).withDeadlineAfter(30, TimeUnit.SECONDS);
  }

  private static byte[] invoke(byte[] payload) {
    return stub()
        .invoke(InvokeRequest.newBuilder().setPayload(ByteString.copyFrom(payload)).build())
        .getPayload()
        .toByteArray();
  }

  @Test
  void seedExampleComesBackByteIdenticalToTheProtocolDoc() {
    byte[] response =
        invoke(Base64.getDecoder().decode("Ghp0ZXN0cy51ZGZfZml4dHVyZXMuYWRkX29uZQ=="));

    assertThat(Base64.getEncoder().encodeToString(response))
        .isEqualTo("Eh4KBkJJR0lOVAoGQklHSU5UEgZCSUdJTlQaAWkaAWoYASIGU0NBTEFS");
  }

  @Test
  void garbageBytesAnswerAnErrorAndTheServerStillAnswers() throws Exception {
    ExtractionResponse garbage =
        ExtractionResponse.parseFrom(invoke(new byte[] {(byte) 0xde, (byte) 0xad, 0x00, 0x7f}));

    assertThat(garbage.getError().getCode()).isEqualTo(ErrorCode.UNKNOWN);
    assertThat(garbage.getError().getErrorMessage())
        .startsWith("The payload is not an ExtractionRequest");
    ExtractionResponse after =
        ExtractionResponse.parseFrom(
            invoke(
                ExtractionRequest.newBuilder()
                    .setClassName("dev.udfshim.fixtures.SplitWords")
                    .build()
                    .toByteArray()));
    assertThat(after.hasError()).isFalse();
    assertThat(after.getFunctionKind()).isEqualTo("TABLE");
  }

  @Test
  void userErrorsAreCodedAnswersNotFailedCalls() throws Exception {
    ExtractionResponse response =
        ExtractionResponse.parseFrom(
            invoke(
                ExtractionRequest.newBuilder()
                    .setClassName("dev.udfshim.fixtures.Broken$ThrowsInConstructor")
                    .build()
                    .toByteArray()));

    assertThat(response.getError().getCode()).isEqualTo(ErrorCode.GENERAL_FAILED_EXTRACTION);
    assertThat(response.getError().getErrorMessage())
        .contains("no connection to the license server");
  }

  @Test
  void concurrentCallsAreAnsweredIndependently() throws Exception {
    ExecutorService pool = Executors.newFixedThreadPool(8);
    try {
      List<Future<ExtractionResponse>> answers = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        String name = i % 2 == 0 ? "tests.udf_fixtures.add_one" : "does.not.Exist" + i;
        answers.add(
            pool.submit(
                () ->
                    ExtractionResponse.parseFrom(
                        invoke(
                            ExtractionRequest.newBuilder()
                                .setClassName(name)
                                .build()
                                .toByteArray()))));
      }
      for (int i = 0; i < answers.size(); i++) {
        ExtractionResponse response = answers.get(i).get(30, TimeUnit.SECONDS);
        if (i % 2 == 0) {
          assertThat(response.getSignatures(0).getArgumentNamesList()).containsExactly("i", "j");
        } else {
          assertThat(response.getError().getErrorMessage()).contains("does.not.Exist" + i);
        }
      }
    } finally {
      pool.shutdownNow();
    }
  }

  @Test
  void healthSaysServingForTheServerAndTheService() {
    HealthGrpc.HealthBlockingStub health = HealthGrpc.newBlockingStub(channel);

    assertThat(health.check(HealthCheckRequest.getDefaultInstance()).getStatus())
        .isEqualTo(ServingStatus.SERVING);
    assertThat(
            health
                .check(
                    HealthCheckRequest.newBuilder()
                        .setService("secure.compute.function.runtime.v2.FunctionRuntime")
                        .build())
                .getStatus())
        .isEqualTo(ServingStatus.SERVING);
  }

  @Test
  void genericClientListsAndCallsTheServiceThroughReflectionAlone() throws Exception {
    ReflectionClient generic = new ReflectionClient(channel);

    assertThat(generic.listServices())
        .contains(
            "secure.compute.function.runtime.v2.FunctionRuntime",
            "grpc.health.v1.Health",
            "grpc.reflection.v1.ServerReflection");

    DynamicMessage response =
        generic.call(
            "secure.compute.function.runtime.v2.FunctionRuntime/Invoke",
            "payload",
            Base64.getDecoder().decode("Ghp0ZXN0cy51ZGZfZml4dHVyZXMuYWRkX29uZQ=="));
    ByteString payload =
        (ByteString) response.getField(response.getDescriptorForType().findFieldByName("payload"));
    assertThat(Base64.getEncoder().encodeToString(payload.toByteArray()))
        .isEqualTo("Eh4KBkJJR0lOVAoGQklHSU5UEgZCSUdJTlQaAWkaAWoYASIGU0NBTEFS");
  }
}
