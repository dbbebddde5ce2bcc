package dev.udfshim.flink.codec;

/** An answer or a value that does not fit the wire format; the message is a sentence. */
public final class WireException extends Exception {
  private static final long serialVersionUID = 1L;

  public WireException(String message) {
    super(message);
  }

  public WireException(String message, Throwable cause) {
    super(message, cause);
  }
}
