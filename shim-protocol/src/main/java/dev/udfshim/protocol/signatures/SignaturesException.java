package dev.udfshim.protocol.signatures;

/** A file that is not a usable signatures.json; the message names it and says what to do. */
public final class SignaturesException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public SignaturesException(String message) {
    super(message);
  }
}
