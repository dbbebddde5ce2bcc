package dev.udfshim.runtime.execution;

import dev.udfshim.runtime.handler.Call;
import dev.udfshim.runtime.handler.Context;
import dev.udfshim.runtime.handler.Reply;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The instances of one UDF, each with its own thread, behind one bounded queue: a {@link
 * Dispatcher} that brings calls to instances under time limits, and a {@link Supervisor} that keeps
 * the instances (builds, retires and replaces them, reports health). They share one watchdog thread
 * for their timers. A hanging UDF costs a thread, not the server.
 */
final class EvalPool {
  private final ScheduledThreadPoolExecutor watchdog;
  private final Supervisor instances;
  private final Dispatcher calls;

  EvalPool(
      Binding binding,
      ExecutionSettings settings,
      ClassLoader loader,
      Map<String, String> jobParameters,
      Context context,
      UdfInstance first) {
    String shortName = binding.udf().type().getSimpleName();
    this.watchdog =
        new ScheduledThreadPoolExecutor(
            1,
            runnable -> {
              Thread thread = new Thread(runnable, "udf-watchdog-" + shortName);
              thread.setDaemon(true);
              return thread;
            });
    watchdog.setRemoveOnCancelPolicy(true);
    this.instances = new Supervisor(binding, settings, loader, jobParameters, context, watchdog);
    this.calls = new Dispatcher(settings, binding.udf().type().getName(), instances, watchdog);
    instances.start(first, calls::serve);
  }

  void submit(byte[] payload, Call call, Reply reply) {
    calls.submit(payload, call, reply);
  }

  /**
   * Refuses what is queued, interrupts running evals, and runs close() on every instance (also
   * retired ones), each on its own thread; returns whether all returned within the limit.
   */
  boolean close(Duration limit) {
    calls.close();
    boolean inTime = instances.close(limit);
    watchdog.shutdownNow();
    return inTime;
  }
}
