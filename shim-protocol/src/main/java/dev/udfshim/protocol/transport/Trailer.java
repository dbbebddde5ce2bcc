package dev.udfshim.protocol.transport;

import io.grpc.Metadata;

/**
 * The trailing metadata of an Invoke call (docs/protocol.md, Errors): a call whose handler failed
 * carries trailer {@value #ERROR_NAME}, and its payload is then the error text, not an answer.
 */
public final class Trailer {
  /** The trailer that marks an error answer; its value is the error text in printable ASCII. */
  public static final String ERROR_NAME = "shim-error";

  public static final Metadata.Key<String> ERROR =
      Metadata.Key.of(ERROR_NAME, Metadata.ASCII_STRING_MARSHALLER);

  private Trailer() {}
}
