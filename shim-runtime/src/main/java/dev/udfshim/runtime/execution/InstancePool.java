package dev.udfshim.runtime.execution;

import dev.udfshim.runtime.handler.HandlerException;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.TimeUnit;

/**
 * A fixed number of opened UDF instances; a call takes one for its duration, so each instance is
 * used by one thread at a time. A call that waits longer than the timeout is answered with an error
 * instead of waiting forever behind a slow or stuck eval.
 */
final class InstancePool {
  private final BlockingQueue<UdfInstance> idle;
  private final List<UdfInstance> all;
  private final Duration waitTimeout;
  private final String className;
  private volatile boolean closed;

  InstancePool(List<UdfInstance> instances, Duration waitTimeout, String className) {
    this.all = List.copyOf(instances);
    this.idle = new ArrayBlockingQueue<>(instances.size(), false, instances);
    this.waitTimeout = waitTimeout;
    this.className = className;
  }

  int size() {
    return all.size();
  }

  byte[] call(byte[] payload) throws HandlerException {
    if (closed) {
      throw new HandlerException("The server is shutting down; call again once it is back.");
    }
    UdfInstance instance;
    try {
      instance = idle.poll(waitTimeout.toMillis(), TimeUnit.MILLISECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HandlerException(
          "Interrupted while waiting for an instance of '" + className + "'.");
    }
    if (instance == null) {
      throw new HandlerException(
          "All "
              + all.size()
              + " instance(s) of '"
              + className
              + "' stayed busy for "
              + waitTimeout.toMillis()
              + " ms; raise "
              + ExecutionHandler.PARALLELISM
              + " or make eval return faster.");
    }
    try {
      return instance.call(payload);
    } finally {
      release(instance);
    }
  }

  /** Back to the pool; after close, closed here, so close() never runs beside an eval. */
  private void release(UdfInstance instance) {
    idle.add(instance);
    if (closed) {
      closeIdle();
    }
  }

  /** Closes the idle instances now and each busy one as its call returns. */
  void close() {
    closed = true;
    closeIdle();
  }

  private void closeIdle() {
    for (UdfInstance instance = idle.poll(); instance != null; instance = idle.poll()) {
      instance.close();
    }
  }
}
