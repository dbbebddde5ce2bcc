package dev.udfshim.runtime.handler;

import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;

/** A call with a fixed deadline that whoever serves it cancels when the caller gives up. */
public final class CancellableCall implements Call {
  private final OptionalLong deadline;
  private final List<Runnable> actions = new CopyOnWriteArrayList<>();
  private volatile boolean cancelled;

  /**
   * @param deadline a {@link System#nanoTime()} instant, or empty for none
   */
  public CancellableCall(OptionalLong deadline) {
    this.deadline = deadline;
  }

  /** The caller gave up: runs each action once. */
  // CopyOnWriteArrayList: the loop runs over a snapshot; remove() elects one runner
  @SuppressWarnings("ModifyCollectionInEnhancedForLoop")
  public void cancel() {
    cancelled = true;
    for (Runnable action : actions) {
      if (actions.remove(action)) {
        action.run();
      }
    }
  }

  @Override
  public OptionalLong deadline() {
    return deadline;
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public void whenCancelled(Runnable action) {
    actions.add(action);
    if (cancelled && actions.remove(action)) {
      action.run();
    }
  }
}
