package dev.udfshim.runtime.server;

import dev.udfshim.runtime.config.ServerOptions;
import dev.udfshim.runtime.config.Settings;
import dev.udfshim.runtime.handler.AsyncHandler;
import dev.udfshim.runtime.handler.Call;
import dev.udfshim.runtime.handler.Context;
import dev.udfshim.runtime.handler.Failures;
import dev.udfshim.runtime.handler.Fatal;
import dev.udfshim.runtime.handler.ForwardingContext;
import dev.udfshim.runtime.handler.Handler;
import dev.udfshim.runtime.handler.HandlerException;
import dev.udfshim.runtime.handler.Reply;
import dev.udfshim.runtime.logging.FailureLog;
import dev.udfshim.runtime.logging.LogText;
import dev.udfshim.runtime.metrics.CallMetrics;
import dev.udfshim.runtime.metrics.RowCount;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.BiConsumer;
import java.util.function.ToIntFunction;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one handler through its lifecycle and is the one door calls go through: it opens the handler
 * while the server already listens, holds calls that arrive meanwhile, hands calls to the handler
 * ({@link InFlight} counts them, so a drain knows when it is done; {@link LoggedReply} logs their
 * failures at a rate an operator can keep), and knows whether the handler can serve ({@link
 * HostHealth}). A failed open does not stop the server: every call then answers the reason, so the
 * caller sees it instead of a dead port. The handler's close() never runs beside its open(): a
 * close asked for while open() runs is performed when open() ends.
 */
public final class HandlerHost {
  private static final Logger LOG = LoggerFactory.getLogger(HandlerHost.class);
  static final String SHUTTING_DOWN =
      "The server is shutting down; send the call again once it is back, or to another instance.";

  /** How often a handler that is still opening is reported. */
  static final Duration OPEN_PROGRESS = Duration.ofSeconds(10);

  private enum State {
    STARTING,
    OPEN,
    FAILED,
    DRAINING,
    CLOSED
  }

  /** Where open() is: a close must wait while it runs. */
  private enum Opening {
    NOT_STARTED,
    RUNNING,
    ENDED
  }

  private final Handler handler;
  private final Context config;
  private final Context context;
  private final FailureLog failures = new FailureLog(LOG);
  private final InFlight inFlight = new InFlight();
  private final HostHealth health = new HostHealth();

  /** Guards the state, the opening, the held calls and the close request. */
  private final Object lifecycle = new Object();

  private final List<Runnable> heldWhileOpening = new ArrayList<>();
  private volatile State state = State.STARTING;
  private Opening opening = Opening.NOT_STARTED;
  private CompletableFuture<Boolean> closing;
  private Duration closeLimit;
  private volatile String openFailure;
  private volatile ServerSettings settings;
  private volatile CallThreads callThreads;
  private final CompletableFuture<String> opened = new CompletableFuture<>();
  private volatile CallMetrics metrics = CallMetrics.NONE;
  private volatile ToIntFunction<byte[]> rows = RowCount.ONE;

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
    health.onChange(listener);
  }

  /**
   * Records every call from now on: outcome, latency, and the rows {@code rows} reads from its
   * payload.
   */
  public void observe(CallMetrics metrics, ToIntFunction<byte[]> rows) {
    this.rows = rows;
    this.metrics = metrics;
  }

  CallMetrics metrics() {
    return metrics;
  }

  /**
   * Completes when open() ended: with null when the handler is open, else with the sentence every
   * call answers.
   */
  public CompletableFuture<String> opened() {
    return opened;
  }

  // ---- open

  /** Opens the handler now, on this thread; returns the failure sentence, or null when open. */
  public String open() {
    boolean closeFirst;
    boolean closeWaits;
    synchronized (lifecycle) {
      closeFirst = closing != null;
      closeWaits = closeFirst && opening == Opening.RUNNING; // left to this open by requestClose
      opening = closeFirst ? Opening.ENDED : Opening.RUNNING;
    }
    if (closeFirst) {
      return closedBeforeOpen(closeWaits);
    }
    long started = System.nanoTime();
    String failure = null;
    try {
      if (!(handler instanceof AsyncHandler)) {
        callThreads = new CallThreads(settings());
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
    boolean closeAsked;
    synchronized (lifecycle) {
      openFailure = failure;
      if (state == State.STARTING) {
        state = failure == null ? State.OPEN : State.FAILED;
      }
      opening = Opening.ENDED;
      closeAsked = closing != null;
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
    if (closeAsked) {
      startClose(); // asked for while open() ran, and left to its end
    }
    opened.complete(failure);
    return failure;
  }

  /**
   * A close was asked for before open() began: the handler is not opened, calls held meanwhile are
   * refused, and a close that waited for this open runs now.
   */
  private String closedBeforeOpen(boolean closeWaits) {
    List<Runnable> held;
    synchronized (lifecycle) {
      held = new ArrayList<>(heldWhileOpening);
      heldWhileOpening.clear();
    }
    held.forEach(Runnable::run); // refused: the state is CLOSED
    if (closeWaits) {
      startClose();
    }
    String failure = "The handler was closed before it opened.";
    opened.complete(failure);
    return failure;
  }

  /** Opens the handler on a thread of its own, so the port is open (and says so) meanwhile. */
  void openInBackground() {
    updateHealth();
    synchronized (lifecycle) {
      if (opening == Opening.NOT_STARTED && closing == null) {
        opening = Opening.RUNNING; // a close asked for from now on waits for this open
      }
    }
    Thread opener = new Thread(this::open, "shim-open");
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

  // ---- calls

  /** Takes one call: answers it now (refusals), or hands it to the handler. Never blocks. */
  public void dispatch(byte[] payload, Call call, Reply answer) {
    CallMetrics observed = metrics;
    Reply reply =
        observed.enabled()
            ? new MeteredReply(answer, observed, rows.applyAsInt(payload), call)
            : answer;
    State now = state;
    if (now == State.DRAINING || now == State.CLOSED) {
      reply.refuse(Reply.Refusal.UNAVAILABLE, SHUTTING_DOWN);
      return;
    }
    InFlight.Tracked tracked = inFlight.track(new LoggedReply(reply, failures));
    call.whenCancelled(tracked::release);
    if (now == State.STARTING) {
      synchronized (lifecycle) {
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
    ServerSettings read = settings;
    return read != null ? read.maxQueued() : ServerOptions.MAX_QUEUED.defaultValue();
  }

  private void dispatchOpen(byte[] payload, Call call, Reply tracked) {
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
    callThreads.execute(() -> runOnCallThread(payload, call, tracked), tracked);
  }

  private void runOnCallThread(byte[] payload, Call call, Reply tracked) {
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
    health.update(
        () ->
            switch (state) {
              case STARTING -> new HostHealth.NotOpen("the handler is opening", true);
              case FAILED -> new HostHealth.NotOpen(openFailure, false);
              case DRAINING, CLOSED -> new HostHealth.NotOpen("the server is shutting down", true);
              case OPEN -> null; // the handler's own report decides
            });
  }

  // ---- drain and close

  /**
   * Refuses new calls and waits up to {@code grace} for those in flight; answers those still
   * running at the end that the server is shutting down.
   */
  Drained drain(Duration grace) {
    long started = System.nanoTime();
    List<Runnable> held;
    synchronized (lifecycle) {
      state = State.DRAINING;
      held = new ArrayList<>(heldWhileOpening);
      heldWhileOpening.clear();
    }
    held.forEach(Runnable::run); // now refused
    updateHealth();
    return inFlight.drain(grace, started);
  }

  /**
   * Closes the handler within the limit, even if its close() hangs; true if it returned. While
   * open() runs, the close waits for its end (within the same limit), and never runs beside it.
   */
  public boolean close(Duration limit) {
    CompletableFuture<Boolean> closed = requestClose(limit);
    try {
      // The async handler bounds its own closes by the limit; a little on top lets it report.
      return closed.get(limit.toMillis() + 1000, TimeUnit.MILLISECONDS);
    } catch (TimeoutException | ExecutionException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    }
  }

  /** Closes with the configured limit (embedded use: tests, local runs). */
  public void close() {
    close(closeLimit());
  }

  /** Closes the handler once its background open has ended, without waiting for it here. */
  // not waited for, as its name says; the close reports its own outcome
  @SuppressWarnings("FutureReturnValueIgnored")
  void closeWhenOpened() {
    requestClose(closeLimit());
  }

  private Duration closeLimit() {
    ServerSettings read = settings;
    return read != null ? read.closeTimeout() : ServerOptions.CLOSE_TIMEOUT.defaultValue();
  }

  /**
   * Refuses calls from now on and starts the handler's close, or leaves it to the end of an open()
   * that runs; the first request's limit holds. Completes with whether close() returned cleanly.
   */
  private CompletableFuture<Boolean> requestClose(Duration limit) {
    boolean now;
    synchronized (lifecycle) {
      state = State.CLOSED;
      if (closing != null) {
        return closing;
      }
      closing = new CompletableFuture<>();
      closeLimit = limit;
      now = opening != Opening.RUNNING;
    }
    if (now) {
      startClose();
    }
    return closing;
  }

  /** Runs the handler's close() on a thread of its own: a close() that hangs is left behind. */
  private void startClose() {
    CompletableFuture<Boolean> closed;
    Duration limit;
    synchronized (lifecycle) {
      closed = closing;
      limit = closeLimit;
    }
    CallThreads threads = callThreads;
    if (threads != null) {
      threads.shutdownNow();
    }
    Thread closer =
        new Thread(
            () -> {
              boolean clean = false;
              try {
                if (handler instanceof AsyncHandler async) {
                  clean = async.close(context, limit);
                } else {
                  handler.close(context);
                  clean = true;
                }
              } catch (Throwable e) {
                Fatal.check(e, "close() of " + handlerName());
                LOG.warn(
                    "Handler {} failed to close: {}", handlerName(), LogText.safe(e.toString()));
              } finally {
                closed.complete(clean);
              }
            },
            "shim-close");
    closer.setDaemon(true);
    closer.start();
  }

  // ---- the context handlers see

  private final class HostContext extends ForwardingContext {
    HostContext() {
      super(config);
    }

    @Override
    public void reportHealth(boolean serving, String reason) {
      health.handlerReported(serving, reason);
      updateHealth();
    }
  }
}
