package dev.udfshim.flink.client;

/**
 * A call that did not produce a result: the server's error answer (the UDF's own message) or a
 * transport failure, in a sentence that names the function and the endpoint.
 */
public final class RemoteUdfException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public RemoteUdfException(String message) {
    super(message);
  }

  public RemoteUdfException(String message, Throwable cause) {
    super(message, cause);
  }
}
