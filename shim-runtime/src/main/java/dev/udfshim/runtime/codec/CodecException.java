package dev.udfshim.runtime.codec;

/** Bytes that do not encode a value of the expected type; the message says what was found. */
public final class CodecException extends Exception {
  private static final long serialVersionUID = 1L;

  public CodecException(String message) {
    super(message);
  }
}
