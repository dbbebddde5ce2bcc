package dev.udfshim.flink.client;

import java.io.Serializable;
import java.time.Duration;

/**
 * How calls are made: a deadline per call, gRPC's own retries with exponential backoff on
 * UNAVAILABLE only (the server was not reached or is draining; the retry goes to another server
 * when there are several), and TLS and the bearer token.
 *
 * @param maxAttempts attempts per call, 1 = no retry
 */
public record CallSettings(
    Duration timeout,
    int maxAttempts,
    Duration initialBackoff,
    Duration maxBackoff,
    Security security)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Plaintext, no token. */
  public CallSettings(
      Duration timeout, int maxAttempts, Duration initialBackoff, Duration maxBackoff) {
    this(timeout, maxAttempts, initialBackoff, maxBackoff, Security.NONE);
  }
}
