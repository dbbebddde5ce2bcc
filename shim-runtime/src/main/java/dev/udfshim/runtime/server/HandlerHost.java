package dev.udfshim.runtime.server;

import dev.udfshim.runtime.handler.AsyncHandler;
import dev.udfshim.runtime.handler.Call;
import dev.udfshim.runtime.handler.Context;
import dev.udfshim.runtime.handler.Failures;
import dev.udfshim.runtime.handler.Fatal;
import dev.udfshim.runtime.handler.ForwardingContext;
import dev.udfshim.runtime.handler.Handler;
import dev.udfshim.runtime.handler.HandlerException;
import dev.udfshim.runtime.handler.Reply;
import dev.udfshim.runtime.handler.Settings;
import dev.udfshim.runtime.logging.FailureLog;
import dev.udfshim.runtime.logging.LogText;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.BiConsumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one handler through its lifecycle and is the one door calls go through: it opens the handler
 * while the server already listens, holds calls that arrive meanwhile, counts calls in flight so a
 * drain knows when it is done, logs failures at a rate an operator can keep, and knows whether the
 * handler can serve. A failed open does not stop the server: every call then answers the reason, so
 * the caller sees it instead of a dead port.
 */
public final class HandlerHost {
  private static final Logger LOG = LoggerFactory.getLogger(HandlerHost.class);
  static final String SHUTTING_DOWN =
      "The server is shutting down; send the call again once it is back, or to another instance.";

  private enum State {
    STARTING,
    OPEN,
    FAILED,
    DRAINING,
    CLOSED
  }

  private final Handler handler;
  private final Context config;
  private final Context context;
  private final FailureLog failures = new FailureLog(LOG);
  private final Set<Tracked> inFlight = ConcurrentHashMap.newKeySet();
  private final List<Runnable> heldWhileOpening = new ArrayList<>();
  private volatile State state = State.STARTING;
  private volatile Thread opener;
  private volatile String openFailure;
  private volatile boolean handlerServing = true;
  private volatile String handlerReason = "";
  private volatile BiConsumer<Boolean, String> healthListener = (serving, reason) -> {};
  private Boolean lastServing;
  private ServerSettings settings;
  private ThreadPoolExecutor callThreads;

  public HandlerHost(Handler handler, Context config) {
    this.handler = handler;
    this.config = config;
    this.context = new HostContext();
  }

  public String handlerName() {
    return handler.getClass().getName();
  }

  /** The server's own settings, from the same config vars; a bad value stops the start. */
  ServerSettings settings() throws HandlerException {
    if (settings == null) {
      settings = ServerSettings.read(new Settings(config));
    }
    return settings;
  }

  void onHealthChange(BiConsumer<Boolean, String> listener) {
    this.healthListener = listener;
  }

  /** Opens the handler now, on this thread; returns the failure sentence, or null when open. */
  public String open() {
    long started = System.nanoTime();
    String failure = null;
    try {
      if (!(handler instanceof AsyncHandler)) {
        ServerSettings s = settings();
        callThreads =
            new ThreadPoolExecutor(
                s.threads(),
                s.threads(),
                1,
                TimeUnit.MINUTES,
                new ArrayBlockingQueue<>(s.maxQueued()),
                runnable -> {
                  Thread thread = new Thread(runnable, "shim-call");
                  thread.setDaemon(true);
                  return thread;
                });
        callThreads.allowCoreThreadTimeOut(true);
      }
      handler.open(context);
    } catch (HandlerException e) {
      failure = "The handler could not start: " + e.getMessage();
    } catch (Throwable e) {
      Fatal.check(e, "open() of " + handlerName());
      failure = "The handler could not start: " + Failures.describe(e);
      LOG.warn("{}\n{}", LogText.safe(failure), LogText.trace(e));
    }
    List<Runnable> held;
    synchronized (heldWhileOpening) {
      openFailure = failure;
      if (state == State.STARTING) {
        state = failure == null ? State.OPEN : State.FAILED;
      }
      held = new ArrayList<>(heldWhileOpening);
      heldWhileOpening.clear();
    }
    long millis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started);
    if (failure == null) {
      LOG.info("Handler {} open in {} ms", handlerName(), millis);
    } else {
      LOG.error("{}; every call answers this", LogText.safe(failure));
    }
    updateHealth();
    held.forEach(Runnable::run);
    return failure;
  }

  /** Opens the handler on a thread of its own, so the port is open (and says so) meanwhile. */
  void openInBackground() {
    updateHealth();
    opener = new Thread(this::open, "shim-open");
    opener.setDaemon(true);
    opener.setContextClassLoader(Thread.currentThread().getContextClassLoader());
    opener.start();
    // A UDF whose constructor or open() takes long says so, instead of a silent minute.
    Thread progress =
        new Thread(
            () -> {
              long started = System.nanoTime();
              try {
                while (true) {
                  opener.join(OPEN_PROGRESS.toMillis());
                  if (!opener.isAlive()) {
                    return;
                  }
                  LOG.info(
                      "Still opening handler {} after {} s (the UDF's constructor or open() runs)",
                      handlerName(),
                      TimeUnit.NANOSECONDS.toSeconds(System.nanoTime() - started));
                }
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
            },
            "shim-open-progress");
    progress.setDaemon(true);
    progress.start();
  }

  /** Closes the handler once its background open has ended, without waiting for it here. */
  void closeWhenOpened() {
    Thread waiter =
        new Thread(
            () -> {
              try {
                opener.join();
              } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
              }
              close();
            },
            "shim-close-after-open");
    waiter.setDaemon(true);
    waiter.start();
  }

  /** How often a handler that is still opening is reported. */
  static final Duration OPEN_PROGRESS = Duration.ofSeconds(10);

  /** Takes one call: answers it now (refusals), or hands it to the handler. Never blocks. */
  public void dispatch(byte[] payload, Call call, Reply reply) {
    State now = state;
    if (now == State.DRAINING || now == State.CLOSED) {
      reply.refuse(Reply.Refusal.UNAVAILABLE, SHUTTING_DOWN);
      return;
    }
    Tracked tracked = new Tracked(reply);
    call.whenCancelled(tracked::release);
    if (now == State.STARTING) {
      synchronized (heldWhileOpening) {
        if (state == State.STARTING) {
          if (heldWhileOpening.size() >= maxQueued()) {
            tracked.refuse(
                Reply.Refusal.OVERLOADED,
                "The handler is still opening and "
                    + heldWhileOpening.size()
                    + " calls already wait for it; retry in a moment.");
          } else {
            heldWhileOpening.add(() -> dispatchOpen(payload, call, tracked));
          }
          return;
        }
      }
    }
    dispatchOpen(payload, call, tracked);
  }

  private int maxQueued() {
    return settings != null ? settings.maxQueued() : 256;
  }

  private void dispatchOpen(byte[] payload, Call call, Tracked tracked) {
    State now = state;
    if (now == State.FAILED) {
      tracked.fail(openFailure, null);
      return;
    }
    if (now != State.OPEN) {
      tracked.refuse(Reply.Refusal.UNAVAILABLE, SHUTTING_DOWN);
      return;
    }
    if (handler instanceof AsyncHandler async) {
      try {
        async.submit(payload, call, tracked);
      } catch (RuntimeException e) {
        tracked.fail(Failures.describe(e), e);
      }
      return;
    }
    try {
      callThreads.execute(() -> runOnCallThread(payload, call, tracked));
    } catch (RejectedExecutionException e) {
      tracked.refuse(
          Reply.Refusal.OVERLOADED,
          "All "
              + callThreads.getMaximumPoolSize()
              + " call threads are busy and "
              + callThreads.getQueue().size()
              + " calls are queued; retry later, send fewer calls at once, or raise "
              + ServerSettings.MAX_QUEUED
              + " or "
              + ServerSettings.THREADS
              + ".");
    }
  }

  private void runOnCallThread(byte[] payload, Call call, Tracked tracked) {
    if (call.isCancelled() || state != State.OPEN) {
      tracked.refuse(Reply.Refusal.UNAVAILABLE, SHUTTING_DOWN); // the caller left: never runs
      return;
    }
    try {
      tracked.answer(handler.handleRequest(payload, context, call));
    } catch (HandlerException e) {
      tracked.fail(e.getMessage(), e.getCause());
    } catch (Throwable e) {
      Fatal.check(e, handlerName());
      tracked.fail(Failures.describe(e), e);
    }
  }

  // ---- health

  private void updateHealth() {
    boolean serving;
    String reason;
    synchronized (this) {
      State now = state;
      serving = now == State.OPEN && handlerServing;
      reason =
          switch (now) {
            case STARTING -> "the handler is opening";
            case FAILED -> openFailure;
            case DRAINING, CLOSED -> "the server is shutting down";
            case OPEN -> handlerReason;
          };
      if (lastServing != null && lastServing == serving) {
        return;
      }
      lastServing = serving;
    }
    if (serving) {
      LOG.info("Health: SERVING ({})", LogText.safe(reason));
    } else {
      LOG.warn("Health: NOT_SERVING: {}", LogText.safe(reason));
    }
    healthListener.accept(serving, reason);
  }

  boolean isServing() {
    return Boolean.TRUE.equals(lastServing);
  }

  // ---- drain and close

  /** The calls that were running when a drain began: how many finished, how many were cut off. */
  public record Drained(int finished, int cutOff, long millis) {}

  /**
   * Refuses new calls and waits up to {@code grace} for those in flight; answers those still
   * running at the end that the server is shutting down.
   */
  Drained drain(Duration grace) {
    long started = System.nanoTime();
    synchronized (heldWhileOpening) {
      state = State.DRAINING;
      heldWhileOpening.forEach(Runnable::run); // now refused
      heldWhileOpening.clear();
    }
    updateHealth();
    int running = inFlight.size();
    long end = started + grace.toNanos();
    synchronized (inFlight) {
      while (!inFlight.isEmpty() && System.nanoTime() < end) {
        try {
          inFlight.wait(Math.max(1, TimeUnit.NANOSECONDS.toMillis(end - System.nanoTime())));
        } catch (InterruptedException e) {
          Thread.currentThread().interrupt();
          break;
        }
      }
    }
    List<Tracked> left = new ArrayList<>(inFlight);
    for (Tracked call : left) {
      call.refuse(
          Reply.Refusal.UNAVAILABLE,
          "The server is shutting down and this call did not finish within the "
              + grace.toMillis()
              + " ms grace ("
              + ServerSettings.GRACE
              + "); send it again.");
    }
    return new Drained(
        running - left.size(),
        left.size(),
        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started));
  }

  /** Closes the handler within the limit, even if its close() hangs; true if it returned. */
  public boolean close(Duration limit) {
    state = State.CLOSED;
    if (callThreads != null) {
      callThreads.shutdownNow();
    }
    AtomicBoolean clean = new AtomicBoolean();
    Thread closer =
        new Thread(
            () -> {
              try {
                if (handler instanceof AsyncHandler async) {
                  clean.set(async.close(context, limit));
                } else {
                  handler.close(context);
                  clean.set(true);
                }
              } catch (Throwable e) {
                Fatal.check(e, "close() of " + handlerName());
                LOG.warn(
                    "Handler {} failed to close: {}", handlerName(), LogText.safe(e.toString()));
              }
            },
            "shim-close");
    closer.setDaemon(true);
    closer.start();
    try {
      // The async handler bounds its own closes by the limit; a little on top lets it report.
      closer.join(limit.toMillis() + 1000);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return clean.get() && !closer.isAlive();
  }

  /** Closes with the configured limit (embedded use: tests, local runs). */
  public void close() {
    Duration limit = settings != null ? settings.closeTimeout() : Duration.ofSeconds(10);
    close(limit);
  }

  // ---- the context handlers see

  private final class HostContext extends ForwardingContext {
    HostContext() {
      super(config);
    }

    @Override
    public void reportHealth(boolean serving, String reason) {
      handlerServing = serving;
      handlerReason = reason;
      updateHealth();
    }
  }

  /**
   * A call in flight: counted until it is answered or its caller leaves, and its failures logged.
   */
  private final class Tracked implements Reply {
    private final Reply reply;
    private final AtomicBoolean released = new AtomicBoolean();

    Tracked(Reply reply) {
      this.reply = reply;
      inFlight.add(this);
    }

    void release() {
      if (released.compareAndSet(false, true)) {
        inFlight.remove(this);
        if (state == State.DRAINING) {
          synchronized (inFlight) {
            inFlight.notifyAll();
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
      failures.failed(key(message, cause), "Call failed: " + LogText.safe(message), cause);
      reply.fail(message, cause);
    }

    @Override
    public void refuse(Refusal refusal, String message) {
      release();
      failures.failed("refused " + refusal, "Call refused: " + LogText.safe(message), null);
      reply.refuse(refusal, message);
    }

    /** Failures of one kind: the same exception thrown at the same place, or the same text. */
    private static String key(String message, Throwable cause) {
      if (cause == null) {
        return message.length() > 80 ? message.substring(0, 80) : message;
      }
      Throwable root = cause;
      StackTraceElement[] frames = root.getStackTrace();
      return root.getClass().getName() + "@" + (frames.length > 0 ? frames[0] : "?");
    }
  }
}
