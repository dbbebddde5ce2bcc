package dev.udfshim.tooling;

/**
 * A request the runtime refuses; the message is one sentence for the user: what, and what to do.
 */
public final class ToolingException extends Exception {
  private static final long serialVersionUID = 1L;

  public ToolingException(String message) {
    super(message);
  }

  public ToolingException(String message, Throwable cause) {
    super(message, cause);
  }
}
