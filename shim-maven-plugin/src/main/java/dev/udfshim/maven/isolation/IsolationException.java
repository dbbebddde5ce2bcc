package dev.udfshim.maven.isolation;

/** The isolated runtime could not be built or failed while called. */
public final class IsolationException extends Exception {
  private static final long serialVersionUID = 1L;

  public IsolationException(String message, Throwable cause) {
    super(message, cause);
  }
}
