package dev.udfshim.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.udfshim.fixtures.Exec;
import dev.udfshim.protocol.codec.ValueCodec;
import dev.udfshim.protocol.codec.WireWriter;
import dev.udfshim.protocol.spec.SpecCodec;
import dev.udfshim.runtime.config.ExecutionOptions;
import dev.udfshim.runtime.extraction.UdfExtractor;
import dev.udfshim.runtime.extraction.UdfSignature;
import dev.udfshim.runtime.handler.CancellableCall;
import dev.udfshim.runtime.handler.ConfigDirContext;
import dev.udfshim.runtime.handler.Context;
import dev.udfshim.runtime.handler.ForwardingContext;
import dev.udfshim.runtime.handler.Reply;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.apache.flink.table.data.GenericRowData;
import org.apache.flink.table.data.StringData;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Batches, time limits, retirement, the queue bound and result checks of the execution path. */
class BoundedExecutionTest {
  @TempDir Path configDir;
  private final ExecutionHandler handler = new ExecutionHandler();
  private final List<Boolean> health = new CopyOnWriteArrayList<>();
  private Context context;

  @AfterEach
  void close() {
    handler.close(context, Duration.ofSeconds(5));
  }

  private void set(String var, String value) throws Exception {
    Files.writeString(configDir.resolve(var), value);
  }

  private UdfSignature open(String className) throws Exception {
    UdfSignature signature =
        new UdfExtractor(getClass().getClassLoader()).inspect(className).signatures().get(0);
    set("spec_base64", SpecCodec.toBase64(signature.spec("p", className)));
    context =
        new ForwardingContext(new ConfigDirContext(configDir)) {
          @Override
          public void reportHealth(boolean serving, String reason) {
            health.add(serving);
          }
        };
    handler.open(context);
    return signature;
  }

  private static String bigint(Long value) {
    return value == null ? "01" : "00" + String.format("%016x", value);
  }

  private static String integer(Integer value) {
    return value == null ? "01" : "00" + String.format("%08x", value);
  }

  private static byte[] hex(String text) {
    return HexFormat.of().parseHex(text);
  }

  private Calls.Outcome submit(String payloadHex, long deadlineMillis) throws Exception {
    Calls.TestReply reply = new Calls.TestReply();
    handler.submit(hex(payloadHex), Calls.withDeadlineIn(deadlineMillis), reply);
    return reply.get();
  }

  @Test
  void batchOfScalarsAnswersTheRowCountThenEachResult() throws Exception {
    set("shim.execution.batch", "true");
    open("dev.udfshim.fixtures.Exec$Counts");

    byte[] answer =
        handler.handleRequest(hex("00000003" + bigint(1L) + bigint(null) + bigint(41L)), context);

    assertThat(HexFormat.of().formatHex(answer))
        .isEqualTo("00000003" + bigint(2L) + bigint(null) + bigint(42L));
    assertThat(HexFormat.of().formatHex(handler.handleRequest(hex("00000000"), context)))
        .isEqualTo("00000000");
  }

  @Test
  void theBatchExampleOfTheProtocolDocByteForByte() throws Exception {
    set("shim.execution.batch", "true");
    open("tests.udf_fixtures.add_one");

    byte[] answer =
        handler.handleRequest(
            hex("00000002" + "000000000000000001000000000000000002" + "0100" + "0000000000000005"),
            context);

    assertThat(HexFormat.of().formatHex(answer))
        .isEqualTo("00000002" + "000000000000000003" + "01");
  }

  @Test
  void withoutTheSwitchARowCountIsReadAsAnArgument() throws Exception {
    open("dev.udfshim.fixtures.Exec$Counts");

    // The one-row protocol is unchanged: one tuple in, one result out, no count.
    assertThat(HexFormat.of().formatHex(handler.handleRequest(hex(bigint(1L)), context)))
        .isEqualTo(bigint(2L));
    assertThatThrownBy(() -> handler.handleRequest(hex("00000001" + bigint(1L)), context))
        .hasMessage(
            "This server runs dev.udfshim.fixtures.Exec$Counts (x BIGINT) -> BIGINT, which the"
                + " payload of 13 byte(s) (00000001000000000000000001) does not fit: the payload"
                + " has 4 bytes left after the last of its 1 arguments; a call for another"
                + " signature or server?");
  }

  @Test
  void batchOfATableFunctionAnswersEachInputRowsCountAndRows() throws Exception {
    set("shim.execution.batch", "true");
    UdfSignature signature = open("dev.udfshim.fixtures.Exec$Chars");
    ValueCodec rows = ValueCodec.forType(signature.returnType().getLogicalType());
    WireWriter expected = new WireWriter();
    expected.writeInt(2);
    expected.writeInt(2);
    rows.write(GenericRowData.of(StringData.fromString("a"), 0), expected);
    rows.write(GenericRowData.of(StringData.fromString("b"), 1), expected);
    expected.writeInt(0);

    byte[] answer =
        handler.handleRequest(hex("00000002" + "00" + "00000002" + "6162" + "01"), context);

    assertThat(answer).isEqualTo(expected.toByteArray());
  }

  @Test
  void anExceptionFailsTheWholeBatchAndNamesTheRow() throws Exception {
    set("shim.execution.batch", "true");
    open("dev.udfshim.fixtures.Exec$Counts");

    assertThatThrownBy(
            () ->
                handler.handleRequest(
                    hex("00000003" + bigint(1L) + bigint(-5L) + bigint(3L)), context))
        .hasMessage(
            "Row index 1 of 3: dev.udfshim.fixtures.Exec$Counts.eval threw"
                + " java.lang.IllegalArgumentException: negative -5");
  }

  @Test
  void malformedBatchesFailWithASentenceBeforeAnyEval() throws Exception {
    set("shim.execution.batch", "true");
    set("shim.execution.batch.max.rows", "100");
    open("dev.udfshim.fixtures.Exec$Counts");
    int evals = Exec.Counts.EVALS.get();

    assertThatThrownBy(() -> handler.handleRequest(hex("0000"), context))
        .hasMessage(
            "The batch is 2 bytes, too short for its int32 row count; this server takes batches"
                + " (shim.execution.batch=true): send the row count, then the argument tuples.");
    assertThatThrownBy(() -> handler.handleRequest(hex("ffffffff"), context))
        .hasMessage(
            "The batch declares -1 rows; send from 0 to 100 rows per call"
                + " (shim.execution.batch.max.rows).");
    assertThatThrownBy(() -> handler.handleRequest(hex("00000065" + bigint(1L)), context))
        .hasMessage(
            "The batch declares 101 rows; send from 0 to 100 rows per call"
                + " (shim.execution.batch.max.rows).");
    assertThatThrownBy(() -> handler.handleRequest(hex("00000002" + bigint(1L)), context))
        .hasMessage(
            "Row index 1 of 2: Cannot decode argument 1 (x BIGINT): the payload ends after 13"
                + " bytes, in the middle of a null flag (needs 1, 0 left); send the arguments"
                + " encoded by the spec's types, e.g. with `shim encode-args`.");
    assertThatThrownBy(() -> handler.handleRequest(hex("00000001" + bigint(1L) + "00"), context))
        .hasMessage(
            "The batch has 1 bytes left after its 1 rows; send the int32 row count, then exactly"
                + " that many argument tuples.");
    assertThat(Exec.Counts.EVALS.get()).isEqualTo(evals);
    assertThat(handler.handleRequest(hex("00000001" + bigint(1L)), context))
        .isEqualTo(hex("00000001" + bigint(2L)));
  }

  @Test
  void evalPastTheCallsDeadlineIsAnsweredBeforeItAndTheInstanceKeepsServing() throws Exception {
    open("dev.udfshim.fixtures.Exec$Sleeps");

    Calls.Outcome late = submit(bigint(10_000L), 500);

    assertThat(late.failure())
        .matches(
            "dev\\.udfshim\\.fixtures\\.Exec\\$Sleeps\\.eval did not return within \\d+ ms \\(the"
                + " call's deadline\\); it was interrupted, and its instance is replaced if it"
                + " does not return\\.");
    assertThat(TimeUnit.NANOSECONDS.toMillis(late.nanos())).isBetween(400L, 2_000L);
    // Sleep answers the interrupt, so the same instance serves the next call.
    assertThat(submit(bigint(1L), 0).payload()).isEqualTo(hex(bigint(1L)));
    assertThat(health).containsExactly(true);
  }

  @Test
  void evalPastTheConfiguredLimitNamesTheVar() throws Exception {
    set("shim.execution.eval.timeout", "200 ms");
    open("dev.udfshim.fixtures.Exec$Sleeps");

    assertThat(submit(bigint(10_000L), 0).failure())
        .isEqualTo(
            "dev.udfshim.fixtures.Exec$Sleeps.eval did not return within 200 ms"
                + " (shim.execution.eval.timeout); it was interrupted, and its instance is"
                + " replaced if it does not return.");
  }

  @Test
  void anInstanceStuckInUserCodeIsRetiredAndReplaced() throws Exception {
    set("shim.execution.eval.timeout", "200 ms");
    set("shim.execution.interrupt.grace", "100 ms");
    open("dev.udfshim.fixtures.Exec$Spins");
    try {
      byte[] first = submit(integer(0), 0).payload();

      assertThat(submit(integer(1), 0).failure()).contains("did not return within 200 ms");

      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
      while (health.size() < 3 && System.nanoTime() < until) {
        Thread.sleep(10);
      }
      // Stuck: nothing could take calls; replaced: serving again, by another instance.
      assertThat(health).containsExactly(true, false, true);
      byte[] next = submit(integer(0), 0).payload();
      assertThat(next).isNotNull().isNotEqualTo(first);
    } finally {
      Exec.Spins.release = true;
    }
  }

  @Test
  void cancelledCallsNeverStartEval() throws Exception {
    open("dev.udfshim.fixtures.Exec$Sleeps");
    int evals = Exec.Sleeps.EVALS.get();

    Calls.TestReply busy = new Calls.TestReply();
    handler.submit(hex(bigint(300L)), Calls.withDeadlineIn(0), busy);
    CancellableCall queued = Calls.withDeadlineIn(0);
    Calls.TestReply queuedReply = new Calls.TestReply();
    handler.submit(hex(bigint(1L)), queued, queuedReply);
    queued.cancel();
    CancellableCall gone = Calls.withDeadlineIn(0);
    gone.cancel();
    handler.submit(hex(bigint(1L)), gone, new Calls.TestReply());

    assertThat(busy.get().payload()).isEqualTo(hex(bigint(300L)));
    assertThat(submit(bigint(2L), 0).payload()).isEqualTo(hex(bigint(2L)));
    assertThat(Exec.Sleeps.EVALS.get() - evals).isEqualTo(2);
    assertThat(queuedReply.outcome).isNotDone();
  }

  @Test
  void callsBeyondTheQueueAreRefusedAtOnce() throws Exception {
    set("shim.server.max.queued", "1");
    open("dev.udfshim.fixtures.Exec$Sleeps");
    Calls.TestReply running = new Calls.TestReply();
    handler.submit(hex(bigint(1000L)), Calls.withDeadlineIn(0), running);
    Thread.sleep(100);
    Calls.TestReply queued = new Calls.TestReply();
    handler.submit(hex(bigint(1L)), Calls.withDeadlineIn(0), queued);

    Calls.Outcome refused = submit(bigint(1L), 0);

    assertThat(refused.refusal()).isEqualTo(Reply.Refusal.OVERLOADED);
    assertThat(refused.failure())
        .isEqualTo(
            "All 1 instance(s) of 'dev.udfshim.fixtures.Exec$Sleeps' are busy and 1 calls are"
                + " queued; retry later, send fewer calls at once, or raise shim.server.max.queued"
                + " or confluent.remote-udf.adapter.parallelism.");
    assertThat(TimeUnit.NANOSECONDS.toMillis(refused.nanos())).isLessThan(500);
    assertThat(running.get().payload()).isEqualTo(hex(bigint(1000L)));
    assertThat(queued.get().payload()).isEqualTo(hex(bigint(1L)));
  }

  @Test
  void aNullResultWhereTheSignatureSaysNotNullIsAnError() throws Exception {
    open("dev.udfshim.fixtures.Exec$NullForNotNull");

    assertThatThrownBy(() -> handler.handleRequest(hex("01"), context))
        .hasMessage(
            "dev.udfshim.fixtures.Exec$NullForNotNull.eval returned null, but its signature (text"
                + " VARCHAR(2147483647)) -> VARCHAR(2147483647) NOT NULL declares the result NOT"
                + " NULL; return a value, or declare the result nullable.");
    assertThat(handler.handleRequest(hex("0000000001" + "61"), context))
        .isEqualTo(hex("0000000001" + "61"));
  }

  @Test
  void resultsOverTheSizeCapAreErrors() throws Exception {
    set("shim.execution.max.result.bytes", "1024");
    open("dev.udfshim.fixtures.Exec$Big");

    assertThatThrownBy(() -> handler.handleRequest(hex(integer(2000)), context))
        .hasMessage(
            "The result of dev.udfshim.fixtures.Exec$Big.eval is over 1024 bytes"
                + " (shim.execution.max.result.bytes); return less per call, or raise the limit"
                + " (the client's gRPC message limit must allow it too).");
    assertThat(handler.handleRequest(hex(integer(3)), context)).hasSize(8);
  }

  @Test
  void settingsThatOverflowAreRefusedAtOpen() throws Exception {
    set(ExecutionOptions.WAIT_TIMEOUT.key(), "9999999999999 d");

    assertThatThrownBy(() -> open("dev.udfshim.fixtures.Exec$Counts"))
        .hasMessage(
            "Config var confluent.remote-udf.adapter.handler.wait.timeout must be a duration from"
                + " 1 ms to 1 h such as '500 ms' or '30 s', not '9999999999999 d'; correct or"
                + " remove it.");
  }

  @Test
  void aCloseThatHangsIsLeftBehindWithinTheLimit() throws Exception {
    open("dev.udfshim.fixtures.Exec$HangsInClose");
    try {
      long started = System.nanoTime();
      assertThat(handler.close(context, Duration.ofMillis(300))).isFalse();
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(2_000);
    } finally {
      Exec.HangsInClose.RELEASE.countDown();
    }
  }
}
