package dev.udfshim.protocol.spec;

/** A spec that cannot be read; the message says what is wrong and what to do. */
public final class SpecException extends Exception {
  private static final long serialVersionUID = 1L;

  public SpecException(String message) {
    super(message);
  }

  public SpecException(String message, Throwable cause) {
    super(message, cause);
  }
}
