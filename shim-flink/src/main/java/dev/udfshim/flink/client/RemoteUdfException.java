package dev.udfshim.flink.client;

/**
 * A call that did not produce a result: the server's error answer (the UDF's own message) or a
 * transport failure, in a sentence that names the function and the endpoint.
 */
public final class RemoteUdfException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final boolean errorAnswer;

  public RemoteUdfException(String message) {
    this(message, null, false);
  }

  public RemoteUdfException(String message, Throwable cause) {
    this(message, cause, false);
  }

  private RemoteUdfException(String message, Throwable cause, boolean errorAnswer) {
    super(message, cause);
    this.errorAnswer = errorAnswer;
  }

  /** The server's error answer: it was reached, ran the call and answered this text. */
  public static RemoteUdfException answered(String message) {
    return new RemoteUdfException(message, null, true);
  }

  /** Whether the server answered with an error text (rather than not being reached). */
  public boolean isErrorAnswer() {
    return errorAnswer;
  }
}
