package dev.udfshim.runtime.execution;

/**
 * One UDF instance and the thread that runs its evals, one call at a time. The watchdog may
 * interrupt the thread, but only while it still runs the task the watchdog gave up on, and may
 * retire the slot when that task never returns; the thread then leaves as soon as it can.
 */
final class Slot {
  final int number;
  final UdfInstance instance;
  private Thread thread;
  private Task current;
  private volatile boolean retired;

  Slot(int number, UdfInstance instance) {
    this.number = number;
    this.instance = instance;
  }

  void start(Runnable body, String name) {
    thread = new Thread(body, name);
    thread.setDaemon(true);
    thread.start();
  }

  synchronized void begin(Task task) {
    current = task;
  }

  /** The task returned: no interrupt aimed at it may reach the next one. */
  synchronized void end() {
    current = null;
    Thread.interrupted();
  }

  /** Interrupts the thread if it still runs the task. */
  synchronized boolean interrupt(Task task) {
    if (current != task) {
      return false;
    }
    thread.interrupt();
    return true;
  }

  /** Retires the slot if its thread still runs the task; true if it did. */
  synchronized boolean retireIfStillRunning(Task task) {
    if (current != task || retired) {
      return false;
    }
    retired = true;
    return true;
  }

  /** Wakes the thread so it sees the pool closed; an eval it runs is interrupted too. */
  void stop() {
    thread.interrupt();
  }

  boolean isRetired() {
    return retired;
  }

  /**
   * Can take calls: not retired. An interrupted eval that returns within the grace leaves its
   * instance usable, so one slow call does not flap the server's health.
   */
  boolean usable() {
    return !retired;
  }

  String threadName() {
    return thread.getName();
  }
}
