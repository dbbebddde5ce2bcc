package dev.udfshim.flink.client;

import java.io.Serializable;
import java.time.Duration;

/**
 * How calls are made: a deadline per call, and gRPC's own retries with exponential backoff on
 * UNAVAILABLE only (the server was not reached or is draining).
 *
 * @param maxAttempts attempts per call, 1 = no retry
 */
public record CallSettings(
    Duration timeout, int maxAttempts, Duration initialBackoff, Duration maxBackoff)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
