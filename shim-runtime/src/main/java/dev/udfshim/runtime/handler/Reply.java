package dev.udfshim.runtime.handler;

/**
 * Where the answer of one call goes, from any thread. The first answer wins; later ones are
 * dropped, so a watchdog and a late eval can race safely.
 */
public interface Reply {

  /** The response payload. */
  void answer(byte[] payload);

  /**
   * A handler failure: status OK, the payload and trailer {@code shim-error} hold the text.
   *
   * @param cause what user code threw, for the server log's trace; may be null
   */
  void fail(String message, Throwable cause);

  default void fail(String message) {
    fail(message, null);
  }

  /** The call is not taken: the caller should retry later or elsewhere. */
  void refuse(Refusal refusal, String message);

  /** Why a call is not taken; the server maps each to a gRPC status. */
  enum Refusal {
    /** Too many calls in flight and queued: {@code RESOURCE_EXHAUSTED}. */
    OVERLOADED,
    /** Starting or shutting down: {@code UNAVAILABLE}. */
    UNAVAILABLE
  }
}
