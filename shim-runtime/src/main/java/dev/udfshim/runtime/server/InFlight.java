package dev.udfshim.runtime.server;

import dev.udfshim.runtime.config.ServerOptions;
import dev.udfshim.runtime.handler.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The calls in flight: each is counted from the moment the host takes it until it is answered or
 * its caller leaves, so a drain knows when it is done, and which calls it cut off.
 */
final class InFlight {
  private final Set<Tracked> calls = ConcurrentHashMap.newKeySet();
  private volatile boolean draining;

  /** Counts a call until its first answer, failure or refusal, or until {@code release()}. */
  Tracked track(Reply reply) {
    return new Tracked(reply);
  }

  /**
   * Waits up to {@code grace} for the calls in flight, and answers those still running at its end
   * that the server is shutting down.
   *
   * @param started when the drain began ({@link System#nanoTime()}), for its duration
   */
  Drained drain(Duration grace, long started) {
    draining = true;
    int running = calls.size();
    long end = started + grace.toNanos();
    synchronized (calls) {
      while (!calls.isEmpty() && System.nanoTime() < end) {
        try {
          calls.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    List<Tracked> left = new ArrayList<>(calls);
    for (Tracked call : left) {
      call.refuse(
          Reply.Refusal.UNAVAILABLE,
          "The server is shutting down and this call did not finish within the "
              + grace.toMillis()
              + " ms grace ("
              + ServerOptions.SHUTDOWN_GRACE.key()
              + "); send it again.");
    }
    return new Drained(
        running - left.size(),
        left.size(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  /** One call in flight; the first answer of any kind releases it. */
  final class Tracked implements Reply {
    private final Reply reply;
    private final AtomicBoolean released = new AtomicBoolean();

    private Tracked(Reply reply) {
      this.reply = reply;
      calls.add(this);
    }

    /** No longer in flight: answered, or its caller left. */
    void release() {
      if (released.compareAndSet(false, true)) {
        calls.remove(this);
        if (draining) {
          synchronized (calls) {
            calls.notifyAll();
          }
        }
      }
    }

    @Override
    public void answer(byte[] payload) {
      release();
      reply.answer(payload);
    }

    @Override
    public void fail(String message, Throwable cause) {
      release();
      reply.fail(message, cause);
    }

    @Override
    public void refuse(Refusal refusal, String message) {
      release();
      reply.refuse(refusal, message);
    }
  }
}
