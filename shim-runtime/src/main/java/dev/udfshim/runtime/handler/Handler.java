package dev.udfshim.runtime.handler;

/**
 * What the function runtime server hosts: one handler per process, chosen at start. Implementations
 * have a public no-argument constructor. {@link #handleRequest} is called concurrently from several
 * threads; whatever it throws is answered to the caller as UTF-8 error text, and the server keeps
 * serving. Handlers that bound their own work implement {@link AsyncHandler} instead.
 */
public interface Handler {

  /** Called once before the first request. A failure here is answered to every request. */
  default void open(Context context) throws Exception {}

  /** Handles one Invoke payload and returns the response payload. */
  byte[] handleRequest(byte[] payload, Context context) throws Exception;

  /** As {@link #handleRequest(byte[], Context)}, for handlers that honour the call's deadline. */
  default byte[] handleRequest(byte[] payload, Context context, Call call) throws Exception {
    return handleRequest(payload, context);
  }

  /** Called once at shutdown. */
  default void close(Context context) throws Exception {}
}
