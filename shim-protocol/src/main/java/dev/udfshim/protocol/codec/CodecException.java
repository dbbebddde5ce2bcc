package dev.udfshim.protocol.codec;

/** Bytes or values that do not fit the wire format; the message says what was found. */
public final class CodecException extends Exception {
  private static final long serialVersionUID = 1L;

  public CodecException(String message) {
    super(message);
  }

  public CodecException(String message, Throwable cause) {
    super(message, cause);
  }
}
