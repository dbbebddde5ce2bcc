package dev.udfshim.runtime.server;

import dev.udfshim.runtime.handler.Context;
import dev.udfshim.runtime.handler.Failures;
import dev.udfshim.runtime.handler.Handler;
import dev.udfshim.runtime.handler.HandlerException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs one handler through its lifecycle. A failed {@code open} does not stop the server: every
 * request is then answered with the reason, so the caller sees it instead of a dead port.
 */
public final class HandlerHost {
  private static final Logger LOG = LoggerFactory.getLogger(HandlerHost.class);

  private final Handler handler;
  private final Context context;
  private volatile String openFailure;

  public HandlerHost(Handler handler, Context context) {
    this.handler = handler;
    this.context = context;
  }

  public String handlerName() {
    return handler.getClass().getName();
  }

  /** Opens the handler; returns the failure sentence, or null when it opened. */
  public String open() {
    try {
      handler.open(context);
      openFailure = null;
    } catch (HandlerException e) {
      LOG.error("Handler {} failed to open: {}", handlerName(), e.getMessage());
      openFailure = "The handler could not start: " + e.getMessage();
    } catch (Throwable e) {
      Failures.rethrowIfFatal(e);
      LOG.error("Handler {} failed to open", handlerName(), e);
      openFailure = "The handler could not start: " + Failures.describe(e);
    }
    return openFailure;
  }

  /** The response payload, or a {@link HandlerFailure} carrying the error text. */
  public byte[] handle(byte[] payload) throws HandlerFailure {
    String failure = openFailure;
    if (failure != null) {
      throw new HandlerFailure(failure);
    }
    try {
      return handler.handleRequest(payload, context);
    } catch (HandlerException e) {
      LOG.warn("Request failed: {}", e.getMessage());
      throw new HandlerFailure(e.getMessage());
    } catch (Throwable e) {
      Failures.rethrowIfFatal(e);
      LOG.error("Handler {} failed on a request", handlerName(), e);
      throw new HandlerFailure(Failures.describe(e));
    }
  }

  public void close() {
    try {
      handler.close(context);
    } catch (Throwable e) {
      Failures.rethrowIfFatal(e);
      LOG.warn("Handler {} failed to close", handlerName(), e);
    }
  }

  /** A request the handler could not answer; the message is the error text for the caller. */
  public static final class HandlerFailure extends Exception {
    private static final long serialVersionUID = 1L;

    HandlerFailure(String message) {
      super(message);
    }
  }
}
