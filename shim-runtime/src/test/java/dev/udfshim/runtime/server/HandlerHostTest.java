package dev.udfshim.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.udfshim.runtime.handler.BlockingReply;
import dev.udfshim.runtime.handler.Call;
import dev.udfshim.runtime.handler.Context;
import dev.udfshim.runtime.handler.Handler;
import dev.udfshim.runtime.handler.HandlerException;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.assertj.core.api.ThrowableAssert;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The handler's lifecycle in its host: close() never runs beside open(). */
class HandlerHostTest {
  private static final Context NO_VARS = key -> Optional.empty();

  /** A handler whose open() waits for the test, and that records what ran while open() ran. */
  static final class GatedHandler implements Handler {
    final List<String> events = new CopyOnWriteArrayList<>();
    final CountDownLatch openEntered = new CountDownLatch(1);
    final CountDownLatch releaseOpen = new CountDownLatch(1);
    final CountDownLatch closed = new CountDownLatch(1);
    private volatile boolean opening;

    @Override
    public void open(Context context) throws InterruptedException {
      opening = true;
      events.add("open started");
      openEntered.countDown();
      releaseOpen.await();
      events.add("open ended");
      opening = false;
    }

    @Override
    public byte[] handleRequest(byte[] payload, Context context) {
      return payload;
    }

    @Override
    public void close(Context context) {
      events.add(opening ? "close ran while open() ran" : "close");
      closed.countDown();
    }
  }

  private final GatedHandler handler = new GatedHandler();
  private final HandlerHost host = new HandlerHost(handler, NO_VARS);

  @AfterEach
  void release() {
    handler.releaseOpen.countDown();
  }

  private static CompletableFuture<Boolean> closeOnItsOwnThread(HandlerHost host, Duration limit) {
    CompletableFuture<Boolean> result = new CompletableFuture<>();
    Thread closer = new Thread(() -> result.complete(host.close(limit)), "test-close");
    closer.setDaemon(true);
    closer.start();
    return result;
  }

  private static void waitABit(CompletableFuture<?> future) throws Exception {
    try {
      future.get(300, TimeUnit.MILLISECONDS);
    } catch (TimeoutException e) {
      // still waiting, as it should while open() runs
    }
  }

  @Test
  void aCloseAskedForWhileOpenRunsIsPerformedWhenOpenEnds() throws Exception {
    host.openInBackground();
    assertThat(handler.openEntered.await(10, TimeUnit.SECONDS)).isTrue();
    BlockingReply held = new BlockingReply();
    host.dispatch("held".getBytes(), Call.UNBOUNDED, held);

    CompletableFuture<Boolean> closing = closeOnItsOwnThread(host, Duration.ofSeconds(10));
    waitABit(closing);
    assertThat(handler.events).containsExactly("open started");
    handler.releaseOpen.countDown();

    assertThat(closing.get(20, TimeUnit.SECONDS)).isTrue();
    assertThat(handler.events).containsExactly("open started", "open ended", "close");
    assertThatRefused(held::await);
    BlockingReply late = new BlockingReply();
    host.dispatch("late".getBytes(), Call.UNBOUNDED, late);
    assertThatRefused(late::await);
  }

  @Test
  void aCloseThatWaitsLongerThanItsLimitForOpenReportsItAndStillClosesAfterOpen() throws Exception {
    host.openInBackground();
    assertThat(handler.openEntered.await(10, TimeUnit.SECONDS)).isTrue();

    assertThat(host.close(Duration.ofMillis(100))).isFalse();
    assertThat(handler.events).containsExactly("open started");
    handler.releaseOpen.countDown();

    assertThat(handler.closed.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(handler.events).containsExactly("open started", "open ended", "close");
  }

  @Test
  void aCloseAskedForBeforeTheBackgroundOpenBeganMeansTheHandlerNeverOpens() throws Exception {
    host.closeWhenOpened();
    host.openInBackground();

    assertThat(handler.closed.await(10, TimeUnit.SECONDS)).isTrue();
    assertThat(handler.events).containsExactly("close");
    assertThat(host.open()).isEqualTo("The handler was closed before it opened.");
    assertThat(handler.events).containsExactly("close");
  }

  @Test
  void theHandlerIsClosedOnceHoweverOftenTheHostIs() throws Exception {
    handler.releaseOpen.countDown();
    assertThat(host.open()).isNull();
    BlockingReply reply = new BlockingReply();
    host.dispatch("x".getBytes(), Call.UNBOUNDED, reply);
    assertThat(reply.await()).isEqualTo("x".getBytes());

    assertThat(host.close(Duration.ofSeconds(5))).isTrue();
    assertThat(host.close(Duration.ofSeconds(5))).isTrue();
    host.close();

    assertThat(handler.events).containsExactly("open started", "open ended", "close");
  }

  private static void assertThatRefused(ThrowableAssert.ThrowingCallable call) {
    assertThatThrownBy(call)
        .isInstanceOf(HandlerException.class)
        .hasMessage(HandlerHost.SHUTTING_DOWN);
  }
}
