package dev.udfshim.runtime.execution;

/** The spec cannot be served by the class it names; the message says why and what to do. */
public final class BindingException extends Exception {
  private static final long serialVersionUID = 1L;

  public BindingException(String message) {
    super(message);
  }
}
