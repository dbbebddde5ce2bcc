package dev.udfshim.runtime.execution;

import dev.udfshim.runtime.config.ExecutionOptions;
import dev.udfshim.runtime.handler.Context;
import dev.udfshim.runtime.logging.LogSetup;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.FutureTask;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * Keeps the instances of one UDF: builds them (each on a thread of its own, under {@code
 * shim.execution.open.timeout}, retried with backoff), retires one whose eval does not return after
 * its interrupt and builds a replacement (up to {@code shim.execution.max.stuck} stuck threads),
 * and reports health: SERVING while at least one instance can take calls. Which call runs where is
 * the {@link Dispatcher}'s business.
 */
final class Supervisor {
  private static final Logger LOG = LoggerFactory.getLogger(Supervisor.class);
  private static final Duration MAX_BUILD_BACKOFF = Duration.ofMinutes(1);
  private static final TimeUnit NANOS = TimeUnit.NANOSECONDS;

  private final Binding binding;
  private final ExecutionSettings settings;
  private final ClassLoader loader;
  private final Map<String, String> jobParameters;
  private final Context context;
  private final String className;
  private final String shortName;
  private final ScheduledExecutorService timers;
  private final ExecutorService builder;
  private final List<Slot> slots = new CopyOnWriteArrayList<>();
  private final List<Slot> retired = new CopyOnWriteArrayList<>();
  private final AtomicInteger numbers = new AtomicInteger();
  private final AtomicInteger stuckThreads = new AtomicInteger();
  private final AtomicInteger pendingBuilds = new AtomicInteger();
  private final AtomicInteger buildFailures = new AtomicInteger();
  private volatile Consumer<Slot> body;
  private volatile String lastBuildFailure;
  private volatile boolean closed;
  private Boolean reportedServing;

  /**
   * @param timers runs the delayed builds and retirements
   */
  Supervisor(
      Binding binding,
      ExecutionSettings settings,
      ClassLoader loader,
      Map<String, String> jobParameters,
      Context context,
      ScheduledExecutorService timers) {
    this.binding = binding;
    this.settings = settings;
    this.loader = loader;
    this.jobParameters = jobParameters;
    this.context = context;
    this.className = binding.udf().type().getName();
    this.shortName = binding.udf().type().getSimpleName();
    this.timers = timers;
    this.builder =
        Executors.newSingleThreadExecutor(
            runnable -> {
              Thread thread = new Thread(runnable, "udf-builder-" + shortName);
              thread.setDaemon(true);
              return thread;
            });
  }

  /**
   * Puts the first instance to work and builds the others in the background.
   *
   * @param body what each instance's thread runs: takes calls until the pool closes or the slot is
   *     retired
   */
  void start(UdfInstance first, Consumer<Slot> body) {
    this.body = body;
    add(new Slot(numbers.incrementAndGet(), first));
    for (int i = 1; i < settings.parallelism(); i++) {
      scheduleBuild(0);
    }
  }

  /** The instances not retired; some may be running a call. */
  List<Slot> slots() {
    return Collections.unmodifiableList(slots);
  }

  // ---- retiring

  /**
   * The eval of {@code task} was interrupted: unless it returns within {@code
   * shim.execution.interrupt.grace}, its instance is retired and replaced.
   */
  // a timer; retireIfStillRunning() reports through the log and health
  @SuppressWarnings("FutureReturnValueIgnored")
  void retireUnlessReturns(Slot slot, Task task) {
    timers.schedule(
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
                + ExecutionOptions.MAX_STUCK.key()
                + "="
                + settings.maxStuck()
                + " are stuck: restart the server");
    if (replace) {
      scheduleBuild(0);
    }
    updateHealth();
  }

  /** The stuck eval of a retired slot returned at last: its thread ends, its instance closes. */
  void retiredSlotReturned(Slot slot) {
    stuckThreads.decrementAndGet();
    LOG.info(
        "The stuck eval on retired instance #{} of {} returned; closing that instance",
        slot.number,
        className);
    slot.instance.close();
  }

  // ---- building

  private void add(Slot slot) {
    slots.add(slot);
    slot.start(() -> body.accept(slot), "udf-" + shortName + "-" + slot.number);
    updateHealth();
  }

  // a timer handing build() to its thread; build() logs its own failures
  @SuppressWarnings("FutureReturnValueIgnored")
  private void scheduleBuild(long delayMillis) {
    pendingBuilds.incrementAndGet();
    timers.schedule(() -> builder.execute(this::build), delayMillis, TimeUnit.MILLISECONDS);
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
              MDC.put(LogSetup.MDC_UDF, className);
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
              + ExecutionOptions.OPEN_TIMEOUT.key()
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
          + ExecutionOptions.MAX_STUCK.key()
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

  // ---- close

  /**
   * Stops building, wakes every instance's thread (interrupting an eval it runs), and runs close()
   * on every instance, retired ones too, each on its own thread; true if all returned in time.
   */
  boolean close(Duration limit) {
    closed = true;
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
}
