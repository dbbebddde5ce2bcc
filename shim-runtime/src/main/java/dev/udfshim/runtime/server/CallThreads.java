package dev.udfshim.runtime.server;

import dev.udfshim.runtime.config.ServerOptions;
import dev.udfshim.runtime.handler.Reply;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;

/**
 * The threads that run the calls of a handler that answers on the caller's thread (extraction):
 * {@code shim.server.threads} of them, with up to {@code shim.server.max.queued} calls waiting.
 */
final class CallThreads {
  private final ThreadPoolExecutor threads;

  CallThreads(ServerSettings settings) {
    threads =
        new ThreadPoolExecutor(
            settings.threads(),
            settings.threads(),
            1,
            TimeUnit.MINUTES,
            new ArrayBlockingQueue<>(settings.maxQueued()),
            runnable -> {
              Thread thread = new Thread(runnable, "shim-call");
              thread.setDaemon(true);
              return thread;
            });
    threads.allowCoreThreadTimeOut(true);
  }

  /** Runs the call on a free thread, or refuses it when all are busy and the queue is full. */
  void execute(Runnable call, Reply reply) {
    try {
      threads.execute(call);
    } catch (RejectedExecutionException e) {
      reply.refuse(
          Reply.Refusal.OVERLOADED,
          "All "
              + threads.getMaximumPoolSize()
              + " call threads are busy and "
              + threads.getQueue().size()
              + " calls are queued; retry later, send fewer calls at once, or raise "
              + ServerOptions.MAX_QUEUED.key()
              + " or "
              + ServerOptions.THREADS.key()
              + ".");
    }
  }

  /** Interrupts the calls running and drops those queued. */
  void shutdownNow() {
    threads.shutdownNow();
  }
}
