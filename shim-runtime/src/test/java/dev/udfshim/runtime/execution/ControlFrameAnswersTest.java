package dev.udfshim.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.udfshim.protocol.framing.ControlFrames;
import dev.udfshim.protocol.spec.SpecCodec;
import dev.udfshim.runtime.extraction.UdfExtractor;
import dev.udfshim.runtime.extraction.UdfSignature;
import dev.udfshim.runtime.handler.ConfigDirContext;
import dev.udfshim.runtime.handler.Context;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The execution handler's control frames: describe answered without an eval, batch frames taken
 * with or without the legacy switch, and the one-row and legacy forms as they were.
 */
class ControlFrameAnswersTest {
  private static final HexFormat HEX = HexFormat.of();
  @TempDir Path configDir;
  private final ExecutionHandler handler = new ExecutionHandler();
  private Context context;

  @AfterEach
  void close() {
    handler.close(context, Duration.ofSeconds(5));
  }

  private void open(String className, int signature, String... vars) throws Exception {
    UdfSignature chosen =
        new UdfExtractor(getClass().getClassLoader())
            .inspect(className)
            .signatures()
            .get(signature);
    Files.writeString(
        configDir.resolve("spec_base64"), SpecCodec.toBase64(chosen.spec("p", className)));
    for (int i = 0; i < vars.length; i += 2) {
      Files.writeString(configDir.resolve(vars[i]), vars[i + 1]);
    }
    context = new ConfigDirContext(configDir);
    handler.open(context);
  }

  private static String bigint(Long value) {
    return value == null ? "01" : "00" + String.format("%016x", value);
  }

  @Test
  void describeNamesTheUdfItsSignatureAndItsBatchLimit() throws Exception {
    open("dev.udfshim.fixtures.Exec$Counts", 0, "shim.execution.batch.max.rows", "250");
    int evals = dev.udfshim.fixtures.Exec.Counts.EVALS.get();

    ControlFrames.Description description =
        ControlFrames.Description.decode(
            handler.handleRequest(ControlFrames.describeRequest(), context));

    assertThat(description)
        .isEqualTo(
            new ControlFrames.Description(
                1,
                "execution",
                "dev.udfshim.fixtures.Exec$Counts",
                0,
                List.of("BIGINT"),
                "BIGINT",
                "SCALAR",
                true,
                250));
    assertThat(dev.udfshim.fixtures.Exec.Counts.EVALS.get()).as("no eval ran").isEqualTo(evals);
  }

  @Test
  void describeGivesTheSignaturesIndexInSignaturesJson() throws Exception {
    open("tests.udf_fixtures.add_one", 0);
    ControlFrames.Description description =
        ControlFrames.Description.decode(
            handler.handleRequest(ControlFrames.describeRequest(), context));
    assertThat(description.signature()).isZero();
    assertThat(description.argumentTypes()).hasSize(2);
  }

  @Test
  void aBatchFrameIsTakenByAOneRowServerAndTheOneRowFormStaysAsItWas() throws Exception {
    open("dev.udfshim.fixtures.Exec$Counts", 0);

    byte[] answer =
        handler.handleRequest(
            HEX.parseHex("03" + "00000003" + bigint(1L) + bigint(null) + bigint(41L)), context);

    assertThat(HEX.formatHex(answer))
        .isEqualTo("00000003" + bigint(2L) + bigint(null) + bigint(42L));
    assertThat(HEX.formatHex(handler.handleRequest(HEX.parseHex(bigint(1L)), context)))
        .isEqualTo(bigint(2L));
  }

  @Test
  void aBatchFrameIsTakenByALegacyBatchServerBesideItsOwnFraming() throws Exception {
    open("dev.udfshim.fixtures.Exec$Counts", 0, "shim.execution.batch", "true");

    assertThat(
            HEX.formatHex(
                handler.handleRequest(HEX.parseHex("03" + "00000001" + bigint(1L)), context)))
        .isEqualTo("00000001" + bigint(2L));
    assertThat(HEX.formatHex(handler.handleRequest(HEX.parseHex("00000001" + bigint(1L)), context)))
        .isEqualTo("00000001" + bigint(2L));
    ControlFrames.Description description =
        ControlFrames.Description.decode(
            handler.handleRequest(ControlFrames.describeRequest(), context));
    assertThat(description.maxRows()).isEqualTo(4096);
  }

  @Test
  void aFailingRowOfABatchFrameNamesItsIndex() throws Exception {
    open("dev.udfshim.fixtures.Exec$Counts", 0);
    assertThatThrownBy(
            () ->
                handler.handleRequest(
                    HEX.parseHex("03" + "00000002" + bigint(1L) + bigint(-1L)), context))
        .hasMessageStartingWith(
            "Row index 1 of 2: dev.udfshim.fixtures.Exec$Counts.eval threw"
                + " java.lang.IllegalArgumentException: negative -1");
  }

  @Test
  void anUnknownFrameOrADescribeWithBytesAfterItIsOneSentence() throws Exception {
    open("dev.udfshim.fixtures.Exec$Counts", 0);
    assertThatThrownBy(() -> handler.handleRequest(HEX.parseHex("09"), context))
        .hasMessage(ControlFrames.unknown(9));
    assertThatThrownBy(() -> handler.handleRequest(HEX.parseHex("0200"), context))
        .hasMessage("The describe frame is the one byte 0x02; send it alone.");
    // And the handler goes on.
    assertThat(HEX.formatHex(handler.handleRequest(HEX.parseHex(bigint(5L)), context)))
        .isEqualTo(bigint(6L));
  }
}
