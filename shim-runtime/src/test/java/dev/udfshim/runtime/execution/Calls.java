package dev.udfshim.runtime.execution;

import dev.udfshim.runtime.handler.Call;
import dev.udfshim.runtime.handler.Reply;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** A call with a deadline the test sets and can cancel, and the one answer it got. */
final class Calls {
  private Calls() {}

  /** What a call was answered with: a payload, a failure or a refusal. */
  record Outcome(byte[] payload, String failure, Reply.Refusal refusal, long nanos) {}

  static final class TestCall implements Call {
    private final OptionalLong deadline;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private volatile boolean cancelled;

    TestCall(long deadlineMillis) {
      this.deadline =
          deadlineMillis <= 0
              ? OptionalLong.empty()
              : OptionalLong.of(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(deadlineMillis));
    }

    void cancel() {
      cancelled = true;
      listeners.forEach(Runnable::run);
    }

    @Override
    public OptionalLong deadline() {
      return deadline;
    }

    @Override
    public boolean isCancelled() {
      return cancelled;
    }

    @Override
    public void whenCancelled(Runnable action) {
      listeners.add(action);
    }
  }

  static final class TestReply implements Reply {
    private final long started = System.nanoTime();
    final CompletableFuture<Outcome> outcome = new CompletableFuture<>();

    @Override
    public void answer(byte[] payload) {
      outcome.complete(new Outcome(payload, null, null, System.nanoTime() - started));
    }

    @Override
    public void fail(String message, Throwable cause) {
      outcome.complete(new Outcome(null, message, null, System.nanoTime() - started));
    }

    @Override
    public void refuse(Refusal refusal, String message) {
      outcome.complete(new Outcome(null, message, refusal, System.nanoTime() - started));
    }

    Outcome get() throws Exception {
      return outcome.get(20, TimeUnit.SECONDS);
    }
  }
}
