package dev.udfshim.maven.init;

/** The project cannot be generated as asked; the message says what to pass instead. */
public final class ScaffoldException extends Exception {
  private static final long serialVersionUID = 1L;

  public ScaffoldException(String message) {
    super(message);
  }
}
