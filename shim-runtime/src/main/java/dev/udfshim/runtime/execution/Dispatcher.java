package dev.udfshim.runtime.execution;

import dev.udfshim.runtime.config.ExecutionOptions;
import dev.udfshim.runtime.config.ServerOptions;
import dev.udfshim.runtime.handler.Call;
import dev.udfshim.runtime.handler.Failures;
import dev.udfshim.runtime.handler.Fatal;
import dev.udfshim.runtime.handler.HandlerException;
import dev.udfshim.runtime.handler.Reply;
import dev.udfshim.runtime.logging.LogSetup;
import java.time.Duration;
import java.util.OptionalLong;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Brings each call to a free instance: one bounded queue ({@code shim.server.max.queued}), a time
 * limit for waiting there ({@code ...handler.wait.timeout}) and one for running ({@code
 * shim.execution.eval.timeout}), each cut short by the caller's deadline. A call past its limit is
 * answered at once and its eval interrupted; whether the instance is then retired is the {@link
 * Supervisor}'s business. Every call is answered exactly once ({@link Task}).
 */
final class Dispatcher {
  private static final Logger LOG = LoggerFactory.getLogger(Dispatcher.class);
  private static final TimeUnit NANOS = TimeUnit.NANOSECONDS;
  private static final String SHUTTING_DOWN =
      "The server is shutting down; send the call again once it is back.";

  private final ExecutionSettings settings;
  private final String className;
  private final Supervisor instances;
  private final ScheduledExecutorService timers;
  private final LinkedBlockingQueue<Task> queue;
  private volatile boolean closed;

  /**
   * @param timers runs the time limits
   */
  Dispatcher(
      ExecutionSettings settings,
      String className,
      Supervisor instances,
      ScheduledExecutorService timers) {
    this.settings = settings;
    this.className = className;
    this.instances = instances;
    this.timers = timers;
    this.queue = new LinkedBlockingQueue<>(settings.maxQueued());
  }

  void submit(byte[] payload, Call call, Reply reply) {
    if (closed) {
      reply.refuse(Reply.Refusal.UNAVAILABLE, SHUTTING_DOWN);
      return;
    }
    if (call.isCancelled()) {
      return; // the caller is gone: nothing to run, nobody to answer
    }
    long now = System.nanoTime();
    Limit wait = Limit.of(call, now, settings.waitTimeout(), ExecutionOptions.WAIT_TIMEOUT.key());
    if (wait.nanos() <= 0) {
      reply.fail(deadlinePassed(0));
      return;
    }
    Task task = new Task(payload, call, reply);
    if (!queue.offer(task)) {
      reply.refuse(
          Reply.Refusal.OVERLOADED,
          "All "
              + instances.slots().size()
              + " instance(s) of '"
              + className
              + "' are busy and "
              + settings.maxQueued()
              + " calls are queued; retry later, send fewer calls at once, or raise "
              + ServerOptions.MAX_QUEUED.key()
              + " or "
              + ExecutionOptions.PARALLELISM.key()
              + ".");
      return;
    }
    task.queueTimer = timers.schedule(() -> waitedTooLong(task, wait, now), wait.nanos(), NANOS);
    if (!task.isQueued()) {
      task.queueTimer.cancel(false); // a slot took it before the timer was set
    }
    call.whenCancelled(() -> callerLeft(task));
  }

  private void waitedTooLong(Task task, Limit limit, long queuedAt) {
    if (!task.expire()) {
      return;
    }
    queue.remove(task);
    long waited = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - queuedAt);
    if (limit.byDeadline()) {
      task.reply.fail(deadlinePassed(waited));
    } else {
      task.reply.fail(
          "All "
              + instances.slots().size()
              + " instance(s) of '"
              + className
              + "' stayed busy for the "
              + limit.millis()
              + " ms a call may wait ("
              + ExecutionOptions.WAIT_TIMEOUT.key()
              + "); raise "
              + ExecutionOptions.PARALLELISM.key()
              + " or make eval return faster.");
    }
  }

  private String deadlinePassed(long waitedMillis) {
    return "The call's deadline passed after it waited "
        + waitedMillis
        + " ms for a free instance of '"
        + className
        + "'; give it a longer deadline, send fewer calls at once, or raise "
        + ExecutionOptions.PARALLELISM.key()
        + ".";
  }

  /** A caller that left is never run; one whose eval runs gets that eval interrupted. */
  private void callerLeft(Task task) {
    if (task.expire()) {
      queue.remove(task);
      task.cancelTimers();
      return;
    }
    for (Slot slot : instances.slots()) {
      if (slot.interrupt(task)) {
        LOG.warn(
            "The caller of {}.eval cancelled its call; interrupted instance #{}",
            className,
            slot.number);
        instances.retireUnlessReturns(slot, task);
        return;
      }
    }
  }

  /** The body of each slot's thread: takes calls until the pool closes or retires the slot. */
  void serve(Slot slot) {
    MDC.put(LogSetup.MDC_UDF, className);
    try {
      while (!closed && !slot.isRetired()) {
        Task task;
        try {
          task = queue.take();
        } catch (InterruptedException e) {
          continue;
        }
        run(slot, task);
      }
    } finally {
      if (slot.isRetired()) {
        instances.retiredSlotReturned(slot);
      }
    }
  }

  private void run(Slot slot, Task task) {
    if (!task.start()) {
      return;
    }
    task.cancelTimers();
    if (task.call.isCancelled()) {
      task.finish(); // the caller left while queued: eval never starts
      return;
    }
    long startedAt = System.nanoTime();
    Limit limit =
        Limit.of(task.call, startedAt, settings.evalTimeout(), ExecutionOptions.EVAL_TIMEOUT.key());
    if (limit.nanos() <= 0) {
      if (task.finish()) {
        task.reply.fail(deadlinePassed(0));
      }
      return;
    }
    slot.begin(task);
    task.evalTimer = timers.schedule(() -> ranTooLong(slot, task, limit), limit.nanos(), NANOS);
    byte[] result = null;
    HandlerException failure = null;
    try {
      result = slot.instance.run(task.payload);
    } catch (HandlerException e) {
      failure = e;
    } catch (Throwable t) {
      Fatal.check(t, className + ".eval");
      failure = new HandlerException(className + " failed: " + Failures.describe(t), t);
    } finally {
      slot.end();
    }
    task.cancelTimers();
    if (task.finish()) {
      if (failure == null) {
        task.reply.answer(result);
      } else {
        task.reply.fail(failure.getMessage(), failure.getCause());
      }
    } else if (!slot.isRetired()) {
      LOG.info(
          "{}.eval on instance #{} returned {} ms after its limit; the instance keeps serving",
          className,
          slot.number,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startedAt - limit.nanos()));
    }
  }

  private void ranTooLong(Slot slot, Task task, Limit limit) {
    if (!task.finish()) {
      return;
    }
    task.reply.fail(
        className
            + ".eval did not return within "
            + limit.millis()
            + " ms ("
            + limit.source()
            + "); it was interrupted, and its instance is replaced if it does not return.");
    if (slot.interrupt(task)) {
      LOG.warn(
          "{}.eval on instance #{} ran past its {} ms limit ({}); interrupted it, and retiring"
              + " the instance unless it returns within {} ms",
          className,
          slot.number,
          limit.millis(),
          limit.source(),
          settings.interruptGrace().toMillis());
      instances.retireUnlessReturns(slot, task);
    }
  }

  /** Takes no more calls and refuses those still queued; the slots' threads then leave. */
  void close() {
    closed = true;
    for (Task task = queue.poll(); task != null; task = queue.poll()) {
      if (task.expire()) {
        task.cancelTimers();
        task.reply.refuse(Reply.Refusal.UNAVAILABLE, SHUTTING_DOWN);
      }
    }
  }

  /**
   * How long a step may take: the configured limit, or what is left of the caller's deadline less a
   * margin (so the answer reaches the caller before the deadline does), whichever is shorter.
   */
  record Limit(long nanos, String source, boolean byDeadline) {
    static Limit of(Call call, long now, Duration configured, String configKey) {
      long limit = configured.toNanos();
      OptionalLong beforeDeadline = call.timeToAnswer(now);
      if (beforeDeadline.isPresent() && beforeDeadline.getAsLong() < limit) {
        return new Limit(beforeDeadline.getAsLong(), "the call's deadline", true);
      }
      return new Limit(limit, configKey, false);
    }

    long millis() {
      return TimeUnit.NANOSECONDS.toMillis(nanos);
    }
  }
}
