package dev.udfshim.flink.batch;

import static org.assertj.core.api.Assertions.assertThat;

import dev.udfshim.flink.codec.WireFormat;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import org.apache.flink.table.data.StringData;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.VarCharType;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * When batches close and go out. The calls are recorded and answered by the test as a server would
 * answer them (each BIGINT row x with x + 1), so the rows' results are real decodes.
 */
class RowBatcherTest {
  private final ScheduledExecutorService timer = new ScheduledThreadPoolExecutor(1);
  private final List<Call> calls = new CopyOnWriteArrayList<>();

  private record Call(byte[] payload, CompletableFuture<byte[]> answer) {
    int rows() {
      return ByteBuffer.wrap(payload).getInt();
    }

    /** Answers x + 1 for each BIGINT x of the batch. */
    void reply() {
      ByteBuffer in = ByteBuffer.wrap(payload);
      int rows = in.getInt();
      ByteBuffer out = ByteBuffer.allocate(4 + rows * 9);
      out.putInt(rows);
      for (int i = 0; i < rows; i++) {
        in.get();
        out.put((byte) 0).putLong(in.getLong() + 1);
      }
      answer.complete(out.array());
    }
  }

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  private RowBatcher batcher(int maxRows, Duration maxWait, int maxInFlight, int maxOutstanding) {
    return batcher(maxRows, 1 << 20, maxWait, maxInFlight, maxOutstanding);
  }

  private RowBatcher batcher(
      int maxRows, int maxBytes, Duration maxWait, int maxInFlight, int maxOutstanding) {
    return new RowBatcher(
        WireFormat.of(List.of(new BigIntType()), new BigIntType(), false, true),
        new RowBatcher.Limits(maxRows, maxBytes, maxWait, maxInFlight, maxOutstanding),
        payload -> {
          CompletableFuture<byte[]> answer = new CompletableFuture<>();
          calls.add(new Call(payload, answer));
          return answer;
        },
        IllegalStateException::new,
        timer);
  }

  private static List<CompletableFuture<Object>> add(RowBatcher batcher, long from, long to) {
    List<CompletableFuture<Object>> results = new ArrayList<>();
    for (long x = from; x <= to; x++) {
      CompletableFuture<Object> result = new CompletableFuture<>();
      batcher.add(new Object[] {x}, result);
      results.add(result);
    }
    return results;
  }

  @Test
  void aFullBatchGoesOutAtOnceAndEachRowGetsItsOwnValue() throws Exception {
    RowBatcher batcher = batcher(3, Duration.ofHours(1), 4, 1000);
    List<CompletableFuture<Object>> results = add(batcher, 10, 16);
    assertThat(calls).extracting(Call::rows).containsExactly(3, 3);
    calls.forEach(Call::reply);
    assertThat(results.subList(0, 6))
        .extracting(CompletableFuture::get)
        .containsExactly(11L, 12L, 13L, 14L, 15L, 16L);
    assertThat(results.get(6)).isNotDone();
    assertThat(batcher.summary()).startsWith("6 row(s) in 2 call(s)").contains("closed 2 full");
  }

  @Test
  void aPartialBatchGoesOutAfterTheWait() throws Exception {
    RowBatcher batcher = batcher(100, Duration.ofMillis(50), 4, 1000);
    List<CompletableFuture<Object>> results = add(batcher, 1, 2);
    assertThat(calls).isEmpty();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (calls.isEmpty() && System.nanoTime() < until) {
      Thread.sleep(5);
    }
    assertThat(calls).extracting(Call::rows).containsExactly(2);
    calls.get(0).reply();
    assertThat(results).extracting(CompletableFuture::get).containsExactly(2L, 3L);
    assertThat(batcher.summary()).contains("1 after the wait");
  }

  @Test
  void aBatchThatFillsFlinksQueueWithNothingOutGoesAtOnce() throws Exception {
    // Flink's operator holds at most 4 rows: a 5th never comes until these are answered.
    RowBatcher batcher = batcher(100, Duration.ofHours(1), 4, 4);
    add(batcher, 1, 4);
    assertThat(calls).extracting(Call::rows).containsExactly(4);
    calls.get(0).reply();
    add(batcher, 5, 6);
    assertThat(calls).hasSize(1);
    assertThat(batcher.summary()).contains("1 at that capacity");
  }

  @Test
  void whileACallIsOutTheNextBatchWaitsForMoreRows() {
    RowBatcher batcher = batcher(3, Duration.ofHours(1), 4, 4);
    add(batcher, 1, 3);
    add(batcher, 4, 4);
    // 4 rows await answers (Flink's limit), but the call out will make room: no 1-row batch.
    assertThat(calls).extracting(Call::rows).containsExactly(3);
    calls.get(0).reply();
    add(batcher, 5, 6);
    assertThat(calls).extracting(Call::rows).containsExactly(3, 3);
  }

  @Test
  void callsInFlightAreCappedAndClosedBatchesWaitTheirTurn() {
    RowBatcher batcher = batcher(2, Duration.ofHours(1), 2, 1000);
    add(batcher, 1, 8);
    assertThat(calls).hasSize(2);
    calls.get(0).reply();
    assertThat(calls).hasSize(3);
    calls.get(1).reply();
    calls.get(2).reply();
    assertThat(calls).hasSize(4);
  }

  @Test
  void aBatchNeverGrowsOverTheByteLimit() throws Exception {
    // 4 bytes of row count, 9 per BIGINT row: two rows fit in 22 bytes, three do not.
    RowBatcher batcher = batcher(100, 22, Duration.ofHours(1), 4, 1000);
    List<CompletableFuture<Object>> results = add(batcher, 1, 3);
    assertThat(calls).extracting(Call::rows).containsExactly(2);
    calls.get(0).reply();
    assertThat(results.subList(0, 2)).extracting(CompletableFuture::get).containsExactly(2L, 3L);
  }

  @Test
  void aRowLargerThanACallFailsAlone() {
    RowBatcher batcher =
        new RowBatcher(
            WireFormat.of(List.of(VarCharType.STRING_TYPE), new BigIntType(), false, true),
            new RowBatcher.Limits(100, 32, Duration.ofHours(1), 4, 1000),
            payload -> new CompletableFuture<>(),
            IllegalStateException::new,
            timer);
    CompletableFuture<Object> result = new CompletableFuture<>();
    batcher.add(new Object[] {StringData.fromString("x".repeat(100))}, result);
    assertThat(result)
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withMessageContaining(
            "The arguments of one row take 105 bytes, over the 32 a call can carry (gRPC's 4 MiB"
                + " message limit).");
  }

  @Test
  void aFailedCallFailsEveryRowOfItsBatchWithItsSentence() {
    RowBatcher batcher = batcher(2, Duration.ofHours(1), 4, 1000);
    List<CompletableFuture<Object>> results = add(batcher, 1, 2);
    IllegalStateException failure =
        new IllegalStateException("Row index 2 of 2: com.example.Fails.eval threw ...");
    calls.get(0).answer().completeExceptionally(failure);
    assertThat(results)
        .allSatisfy(
            r ->
                assertThat(r)
                    .failsWithin(Duration.ZERO)
                    .withThrowableOfType(java.util.concurrent.ExecutionException.class)
                    .withCause(failure));
  }

  @Test
  void aMalformedAnswerFailsTheRowsWithASentence() {
    RowBatcher batcher = batcher(2, Duration.ofHours(1), 4, 1000);
    List<CompletableFuture<Object>> results = add(batcher, 1, 2);
    calls.get(0).answer().complete(new byte[] {0, 0, 0, 1});
    assertThat(results.get(0))
        .failsWithin(Duration.ZERO)
        .withThrowableOfType(java.util.concurrent.ExecutionException.class)
        .withMessageContaining("it counts 1 rows; check that 'batch.enabled' matches");
  }
}
