package dev.udfshim.maven.protoc;

/** A failure the user can act on: its message is shown as the build failure, without a trace. */
public final class ProtocException extends Exception {
  private static final long serialVersionUID = 1L;

  public ProtocException(String message) {
    super(message);
  }

  public ProtocException(String message, Throwable cause) {
    super(message, cause);
  }
}
