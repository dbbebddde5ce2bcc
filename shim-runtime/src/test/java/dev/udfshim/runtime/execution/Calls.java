package dev.udfshim.runtime.execution;

import dev.udfshim.runtime.handler.CancellableCall;
import dev.udfshim.runtime.handler.Reply;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/** Calls with a deadline, and the one answer a call got. */
final class Calls {
  private Calls() {}

  /** A call whose deadline is this many milliseconds from now; 0 or less for none. */
  static CancellableCall withDeadlineIn(long millis) {
    return new CancellableCall(
        millis <= 0
            ? OptionalLong.empty()
            : OptionalLong.of(System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(millis)));
  }

  /** What a call was answered with: a payload, a failure or a refusal. */
  record Outcome(byte[] payload, String failure, Reply.Refusal refusal, long nanos) {}

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
