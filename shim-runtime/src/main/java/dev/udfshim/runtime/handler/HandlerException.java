package dev.udfshim.runtime.handler;

/**
 * A request or start-up failure whose message is the whole answer for the caller: the host sends it
 * as is, and logs it without a stack trace (the handler logged any trace that matters).
 */
public final class HandlerException extends Exception {
  private static final long serialVersionUID = 1L;

  public HandlerException(String message) {
    super(message);
  }

  public HandlerException(String message, Throwable cause) {
    super(message, cause);
  }
}
