package dev.udfshim.test;

/** A call the platform answers with an error; the message is the error text it sends back. */
public final class UdfCallException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  UdfCallException(String message) {
    super(message);
  }
}
