package dev.udfshim.runtime.extraction;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.udfshim.runtime.config.ExtractionOptions;
import dev.udfshim.runtime.handler.ConfigDirContext;
import io.confluent.flink.udf.extractor.v1.ErrorCode;
import io.confluent.flink.udf.extractor.v1.ExtractionRequest;
import io.confluent.flink.udf.extractor.v1.ExtractionResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExtractionHandlerTest {
  @TempDir Path configDir;
  private final ExtractionHandler handler = new ExtractionHandler();

  @AfterEach
  void close() {
    handler.close(new ConfigDirContext(configDir));
  }

  private static byte[] request(String className) {
    return ExtractionRequest.newBuilder().setClassName(className).build().toByteArray();
  }

  @Test
  void protocolWorkedExampleByteForByte() throws Exception {
    ConfigDirContext context = new ConfigDirContext(configDir);
    handler.open(context);
    byte[] request = Base64.getDecoder().decode("Ghp0ZXN0cy51ZGZfZml4dHVyZXMuYWRkX29uZQ==");

    byte[] response = handler.handleRequest(request, context);

    assertThat(Base64.getEncoder().encodeToString(response))
        .isEqualTo("Eh4KBkJJR0lOVAoGQklHSU5UEgZCSUdJTlQaAWkaAWoYASIGU0NBTEFS");
  }

  @Test
  void payloadThatIsNoExtractionRequestAnswersAnError() throws Exception {
    ConfigDirContext context = new ConfigDirContext(configDir);
    handler.open(context);

    ExtractionResponse response =
        ExtractionResponse.parseFrom(
            handler.handleRequest(new byte[] {(byte) 0xff, 0x01}, context));

    assertThat(response.getError().getCode()).isEqualTo(ErrorCode.UNKNOWN);
    assertThat(response.getError().getErrorMessage())
        .startsWith("The payload is not an ExtractionRequest (")
        .endsWith(
            "); send a protobuf flink.udf.extractor.v1.ExtractionRequest with class_name set.");
    assertThat(response.getSignaturesCount()).isZero();
  }

  @Test
  void userCodeThatHangsIsAnsweredAfterTheTimeoutAndTheHandlerGoesOn() throws Exception {
    Files.writeString(configDir.resolve(ExtractionOptions.TIMEOUT_SECONDS.key()), "1\n");
    ConfigDirContext context = new ConfigDirContext(configDir);
    handler.open(context);
    byte[] hanging = request("dev.udfshim.fixtures.Broken$HangsInConstructor");

    ExtractionResponse response =
        ExtractionResponse.parseFrom(handler.handleRequest(hanging, context));

    assertThat(response.getError().getCode()).isEqualTo(ErrorCode.GENERAL_FAILED_EXTRACTION);
    assertThat(response.getError().getErrorMessage())
        .isEqualTo(
            "Extraction of 'dev.udfshim.fixtures.Broken$HangsInConstructor' did not finish within"
                + " 1 s; its static initializer or constructor blocks: make them return without"
                + " waiting on external resources.");
    byte[] good = request("tests.udf_fixtures.add_one");
    assertThat(ExtractionResponse.parseFrom(handler.handleRequest(good, context)).hasError())
        .isFalse();
    // Asked again, the class is not run again (it would hold another thread): same answer.
    assertThat(ExtractionResponse.parseFrom(handler.handleRequest(hanging, context)))
        .isEqualTo(response);
  }

  @Test
  void badTimeoutVarIsRefusedAtOpenLikeEveryOtherVar() throws Exception {
    for (String bad : new String[] {"soon", "0", "3601", "99999999999999", "60 s"}) {
      Files.writeString(configDir.resolve(ExtractionOptions.TIMEOUT_SECONDS.key()), bad);
      ConfigDirContext context = new ConfigDirContext(configDir);

      assertThatThrownBy(() -> handler.open(context))
          .hasMessage(
              "Config var shim.extraction.timeout.seconds must be a whole number from 1 to 3600,"
                  + " not '"
                  + bad
                  + "'; correct or remove it.");
    }
  }

  @Test
  void failedStaticInitializerIsTheSameAnswerOnEveryRequest() throws Exception {
    ConfigDirContext context = new ConfigDirContext(configDir);
    handler.open(context);
    byte[] request = request("dev.udfshim.fixtures.Broken$FailsToInitialize");
    for (int i = 0; i < 2; i++) {
      ExtractionResponse response =
          ExtractionResponse.parseFrom(handler.handleRequest(request, context));
      assertThat(response.getError().getCode()).isEqualTo(ErrorCode.GENERAL_FAILED_EXTRACTION);
      assertThat(response.getError().getErrorMessage())
          .startsWith(
              "The static initializer of 'dev.udfshim.fixtures.Broken$FailsToInitialize' failed (")
          .endsWith("); make class loading succeed without external resources.");
    }
  }

  @Test
  void paddedCopiesOfAHangingClassNameShareOneExtraction() throws Exception {
    Files.writeString(configDir.resolve(ExtractionOptions.TIMEOUT_SECONDS.key()), "1");
    ConfigDirContext context = new ConfigDirContext(configDir);
    handler.open(context);
    java.util.concurrent.ExecutorService callers =
        java.util.concurrent.Executors.newFixedThreadPool(40);
    try {
      java.util.List<java.util.concurrent.Future<ExtractionResponse>> answers =
          new java.util.ArrayList<>();
      for (int i = 0; i < 40; i++) {
        byte[] padded =
            request(
                " ".repeat(i % 5)
                    + "dev.udfshim.fixtures.Broken$HangsInConstructor\t"
                    + " ".repeat(i));
        answers.add(
            callers.submit(
                () -> ExtractionResponse.parseFrom(handler.handleRequest(padded, context))));
      }
      for (java.util.concurrent.Future<ExtractionResponse> answer : answers) {
        assertThat(
                answer.get(30, java.util.concurrent.TimeUnit.SECONDS).getError().getErrorMessage())
            .startsWith(
                "Extraction of 'dev.udfshim.fixtures.Broken$HangsInConstructor' did not finish"
                    + " within 1 s");
      }
    } finally {
      callers.shutdownNow();
    }
    // The 40 names held one thread: the others are free.
    byte[] good = request("tests.udf_fixtures.add_one");
    assertThat(ExtractionResponse.parseFrom(handler.handleRequest(good, context)).hasError())
        .isFalse();
  }

  @Test
  void distinctClassesBeyondTheLimitAreAnsweredBusyAtOnce() throws Exception {
    Files.writeString(configDir.resolve(ExtractionOptions.MAX_CONCURRENT.key()), "1");
    Files.writeString(configDir.resolve(ExtractionOptions.TIMEOUT_SECONDS.key()), "5");
    ConfigDirContext context = new ConfigDirContext(configDir);
    handler.open(context);
    java.util.concurrent.CompletableFuture<byte[]> hanging =
        java.util.concurrent.CompletableFuture.supplyAsync(
            () ->
                handler.handleRequest(
                    request("dev.udfshim.fixtures.Broken$HangsInConstructor"), context));
    Thread.sleep(300);

    ExtractionResponse busy =
        ExtractionResponse.parseFrom(
            handler.handleRequest(request("tests.udf_fixtures.add_one"), context));

    assertThat(busy.getError().getCode()).isEqualTo(ErrorCode.GENERAL_FAILED_EXTRACTION);
    assertThat(busy.getError().getErrorMessage())
        .isEqualTo(
            "All 1 extraction threads are busy or stuck in user code; retry later, or restart the"
                + " server if classes hang in their static initializers.");
    hanging.cancel(true);
  }
}
