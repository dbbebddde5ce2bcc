package dev.udfshim.runtime.execution;

import dev.udfshim.runtime.handler.Call;
import dev.udfshim.runtime.handler.Reply;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.atomic.AtomicReference;

/**
 * One call on its way through the pool. Its state moves once from QUEUED to RUNNING and once to
 * DONE; whoever makes the move to DONE (the slot that ran it, or the watchdog that gave up on it)
 * is the one that answers, so every call is answered exactly once.
 */
final class Task {
  enum State {
    QUEUED,
    RUNNING,
    DONE
  }

  final byte[] payload;
  final Call call;
  final Reply reply;
  private final AtomicReference<State> state = new AtomicReference<>(State.QUEUED);
  volatile ScheduledFuture<?> queueTimer;
  volatile ScheduledFuture<?> evalTimer;

  Task(byte[] payload, Call call, Reply reply) {
    this.payload = payload;
    this.call = call;
    this.reply = reply;
  }

  /** A slot takes it: true unless it was already given up on. */
  boolean start() {
    return state.compareAndSet(State.QUEUED, State.RUNNING);
  }

  /** Given up on while queued (waited too long, or the caller left). */
  boolean expire() {
    return state.compareAndSet(State.QUEUED, State.DONE);
  }

  /** Its run ended, normally (by the slot) or by the watchdog's limit; true for the first. */
  boolean finish() {
    return state.compareAndSet(State.RUNNING, State.DONE);
  }

  boolean isQueued() {
    return state.get() == State.QUEUED;
  }

  void cancelTimers() {
    cancel(queueTimer);
    cancel(evalTimer);
  }

  private static void cancel(ScheduledFuture<?> timer) {
    if (timer != null) {
      timer.cancel(false);
    }
  }
}
