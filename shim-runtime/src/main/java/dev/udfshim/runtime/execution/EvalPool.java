package dev.udfshim.runtime.execution;

import dev.udfshim.runtime.handler.Call;
import dev.udfshim.runtime.handler.Context;
import dev.udfshim.runtime.handler.Failures;
import dev.udfshim.runtime.handler.Fatal;
import dev.udfshim.runtime.handler.HandlerException;
import dev.udfshim.runtime.handler.Reply;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The instances of one UDF, each with its own thread, behind one bounded queue. Every call runs
 * under a time limit (the caller's deadline, else {@code shim.execution.eval.timeout}); a call past
 * it is answered at once, its eval interrupted, and an instance whose eval does not come back is
 * retired and replaced by a fresh one, so a hanging UDF costs a thread, not the server. Health
 * follows the instances that can take calls.
 */
final class EvalPool {
  /** MDC key that tags log lines written on a UDF's threads with its class. */
  static final String MDC_UDF = "udf";

  private static final Logger LOG = LoggerFactory.getLogger(EvalPool.class);
  private static final Duration MAX_BUILD_BACKOFF = Duration.ofMinutes(1);
  private static final TimeUnit NANOS = TimeUnit.NANOSECONDS;

  private final Binding binding;
  private final ExecutionSettings settings;
  private final ClassLoader loader;
  private final Map<String, String> jobParameters;
  private final Context context;
  private final String className;
  private final String shortName;
  private final LinkedBlockingQueue<Task> queue;
  private final List<Slot> slots = new CopyOnWriteArrayList<>();
  private final List<Slot> retired = new CopyOnWriteArrayList<>();
  private final ScheduledThreadPoolExecutor watchdog;
  private final ExecutorService builder;
  private final AtomicInteger numbers = new AtomicInteger();
  private final AtomicInteger stuckThreads = new AtomicInteger();
  private final AtomicInteger pendingBuilds = new AtomicInteger();
  private final AtomicInteger buildFailures = new AtomicInteger();
  private volatile String lastBuildFailure;
  private volatile boolean closed;
  private Boolean reportedServing;

  EvalPool(
      Binding binding,
      ExecutionSettings settings,
      ClassLoader loader,
      Map<String, String> jobParameters,
      Context context,
      UdfInstance first) {
    this.binding = binding;
    this.settings = settings;
    this.loader = loader;
    this.jobParameters = jobParameters;
    this.context = context;
    this.className = binding.udf().type().getName();
    this.shortName = binding.udf().type().getSimpleName();
    this.queue = new LinkedBlockingQueue<>(settings.maxQueued());
    this.watchdog = new ScheduledThreadPoolExecutor(1, daemon("udf-watchdog-" + shortName));
    watchdog.setRemoveOnCancelPolicy(true);
    this.builder = Executors.newSingleThreadExecutor(daemon("udf-builder-" + shortName));
    add(new Slot(numbers.incrementAndGet(), first));
    for (int i = 1; i < settings.parallelism(); i++) {
      scheduleBuild(0);
    }
  }

  private static ThreadFactory daemon(String name) {
    return runnable -> {
      Thread thread = new Thread(runnable, name);
      thread.setDaemon(true);
      return thread;
    };
  }

  // ---- calls

  void submit(byte[] payload, Call call, Reply reply) {
    if (closed) {
      reply.refuse(
          Reply.Refusal.UNAVAILABLE,
          "The server is shutting down; send the call again once it is back.");
      return;
    }
    if (call.isCancelled()) {
      return; // the caller is gone: nothing to run, nobody to answer
    }
    long now = System.nanoTime();
    Limit wait = Limit.of(call, now, settings.waitTimeout(), ExecutionSettings.WAIT_TIMEOUT);
    if (wait.nanos() <= 0) {
      reply.fail(deadlinePassed(0));
      return;
    }
    Task task = new Task(payload, call, reply);
    if (!queue.offer(task)) {
      reply.refuse(
          Reply.Refusal.OVERLOADED,
          "All "
              + slots.size()
              + " instance(s) of '"
              + className
              + "' are busy and "
              + settings.maxQueued()
              + " calls are queued; retry later, send fewer calls at once, or raise "
              + ExecutionSettings.MAX_QUEUED
              + " or "
              + ExecutionSettings.PARALLELISM
              + ".");
      return;
    }
    task.queueTimer = watchdog.schedule(() -> waitedTooLong(task, wait, now), wait.nanos(), NANOS);
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
              + slots.size()
              + " instance(s) of '"
              + className
              + "' stayed busy for "
              + waited
              + " ms; raise "
              + ExecutionSettings.PARALLELISM
              + " or make eval return faster.");
    }
  }

  private String deadlinePassed(long waitedMillis) {
    return "The call's deadline passed after it waited "
        + waitedMillis
        + " ms for a free instance of '"
        + className
        + "'; give it a longer deadline, send fewer calls at once, or raise "
        + ExecutionSettings.PARALLELISM
        + ".";
  }

  /** A caller that left is never run; one whose eval runs gets that eval interrupted. */
  private void callerLeft(Task task) {
    if (task.expire()) {
      queue.remove(task);
      task.cancelTimers();
      return;
    }
    for (Slot slot : slots) {
      if (slot.interrupt(task)) {
        LOG.warn(
            "The caller of {}.eval cancelled its call; interrupted instance #{}",
            className,
            slot.number);
        retireLater(slot, task);
        return;
      }
    }
  }

  /** The body of each slot's thread: takes calls until the pool closes or retires the slot. */
  private void serve(Slot slot) {
    MDC.put(MDC_UDF, className);
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
        stuckThreads.decrementAndGet();
        LOG.info(
            "The stuck eval on retired instance #{} of {} returned; closing that instance",
            slot.number,
            className);
        slot.instance.close();
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
        Limit.of(task.call, startedAt, settings.evalTimeout(), ExecutionSettings.EVAL_TIMEOUT);
    if (limit.nanos() <= 0) {
      if (task.finish()) {
        task.reply.fail(deadlinePassed(0));
      }
      return;
    }
    slot.begin(task);
    task.evalTimer = watchdog.schedule(() -> ranTooLong(slot, task, limit), limit.nanos(), NANOS);
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
      retireLater(slot, task);
    }
  }

  private void retireLater(Slot slot, Task task) {
    watchdog.schedule(
        () -> retireIfStillRunning(slot, task), settings.interruptGrace().toNanos(), NANOS);
  }

  private void retireIfStillRunning(Slot slot, Task task) {
    if (closed || !slot.retireIfStillRunning(task)) {
      return;
    }
    slots.remove(slot);
    retired.add(slot);
    int stuck = stuckThreads.incrementAndGet();
    boolean replace = stuck <= settings.maxStuck();
    LOG.warn(
        "Retired instance #{} of {}: its eval did not return {} ms after the interrupt; its"
            + " thread {} is left running ({} stuck); {}",
        slot.number,
        className,
        settings.interruptGrace().toMillis(),
        slot.threadName(),
        stuck,
        replace
            ? "building a replacement"
            : "no replacement, since more than "
                + ExecutionSettings.MAX_STUCK
                + "="
                + settings.maxStuck()
                + " are stuck: restart the server");
    if (replace) {
      scheduleBuild(0);
    }
    updateHealth();
  }

  // ---- instances

  private void add(Slot slot) {
    slots.add(slot);
    slot.start(() -> serve(slot), "udf-" + shortName + "-" + slot.number);
    updateHealth();
  }

  private void scheduleBuild(long delayMillis) {
    pendingBuilds.incrementAndGet();
    watchdog.schedule(() -> builder.execute(this::build), delayMillis, TimeUnit.MILLISECONDS);
  }

  /** Builds one instance on a thread of its own, so a constructor that hangs is only waited for. */
  private void build() {
    if (closed) {
      pendingBuilds.decrementAndGet();
      return;
    }
    int number = numbers.incrementAndGet();
    long started = System.nanoTime();
    FutureTask<UdfInstance> creation =
        new FutureTask<>(() -> UdfInstance.open(binding, settings, loader, jobParameters));
    Thread thread =
        new Thread(
            () -> {
              MDC.put(MDC_UDF, className);
              creation.run();
            },
            "udf-open-" + shortName + "-" + number);
    thread.setDaemon(true);
    thread.start();
    try {
      UdfInstance instance = creation.get(settings.openTimeout().toNanos(), NANOS);
      pendingBuilds.decrementAndGet();
      buildFailures.set(0);
      if (closed) {
        instance.close();
        return;
      }
      LOG.info(
          "Instance #{} of {} ready in {} ms",
          number,
          className,
          TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
      add(new Slot(number, instance));
    } catch (TimeoutException e) {
      stuckThreads.incrementAndGet();
      buildFailed(
          number,
          "its constructor or open() did not return within "
              + settings.openTimeout().toMillis()
              + " ms ("
              + ExecutionSettings.OPEN_TIMEOUT
              + ")");
    } catch (ExecutionException e) {
      buildFailed(number, e.getCause().getMessage());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      pendingBuilds.decrementAndGet();
    }
  }

  private void buildFailed(int number, String reason) {
    lastBuildFailure = reason;
    pendingBuilds.decrementAndGet();
    int failures = buildFailures.incrementAndGet();
    long backoff = Math.min(MAX_BUILD_BACKOFF.toMillis(), 1000L << Math.min(failures - 1, 16));
    LOG.warn(
        "Building instance #{} of {} failed ({}); retrying in {} ms",
        number,
        className,
        reason,
        backoff);
    updateHealth();
    if (!closed) {
      scheduleBuild(backoff);
    }
  }

  // ---- health

  private synchronized void updateHealth() {
    if (closed) {
      return; // the host reports the drain
    }
    long usable = slots.stream().filter(Slot::usable).count();
    boolean serving = usable > 0;
    if (reportedServing != null && reportedServing == serving) {
      return;
    }
    reportedServing = serving;
    context.reportHealth(
        serving,
        serving
            ? usable + " instance(s) of " + className + " can take calls"
            : "no instance of " + className + " can take calls: " + whyNone());
  }

  private String whyNone() {
    int stuck = stuckThreads.get();
    if (stuck > settings.maxStuck()) {
      return stuck
          + " eval threads are stuck in user code and cannot be stopped, more than "
          + ExecutionSettings.MAX_STUCK
          + "="
          + settings.maxStuck()
          + "; restart the server";
    }
    String building = pendingBuilds.get() > 0 ? "; " + pendingBuilds.get() + " being built" : "";
    if (lastBuildFailure != null && buildFailures.get() > 0) {
      return "building one failed (" + lastBuildFailure + ")" + building;
    }
    return "every instance is stuck in an eval past its time limit" + building;
  }

  int instances() {
    return slots.size();
  }

  // ---- close

  /**
   * Refuses what is queued, interrupts running evals, and runs close() on every instance (also
   * retired ones), each on its own thread; returns whether all returned within the limit.
   */
  boolean close(Duration limit) {
    closed = true;
    for (Task task = queue.poll(); task != null; task = queue.poll()) {
      if (task.expire()) {
        task.cancelTimers();
        task.reply.refuse(
            Reply.Refusal.UNAVAILABLE,
            "The server is shutting down; send the call again once it is back.");
      }
    }
    List<Slot> all = new ArrayList<>(slots);
    all.addAll(retired);
    all.forEach(Slot::stop);
    CountDownLatch closing = new CountDownLatch(all.size());
    for (Slot slot : all) {
      Thread closer =
          new Thread(
              () -> {
                try {
                  slot.instance.close();
                } finally {
                  closing.countDown();
                }
              },
              "udf-close-" + shortName + "-" + slot.number);
      closer.setDaemon(true);
      closer.start();
    }
    boolean inTime;
    try {
      inTime = closing.await(limit.toNanos(), NANOS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      inTime = false;
    }
    watchdog.shutdownNow();
    builder.shutdownNow();
    if (inTime) {
      LOG.info("Closed {} instance(s) of {}", all.size(), className);
    } else {
      LOG.warn(
          "{} of {} close() call(s) of {} did not return within {} ms; not waiting for them",
          closing.getCount(),
          all.size(),
          className,
          limit.toMillis());
    }
    return inTime;
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
