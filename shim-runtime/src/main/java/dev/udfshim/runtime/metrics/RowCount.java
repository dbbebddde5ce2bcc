package dev.udfshim.runtime.metrics;

import dev.udfshim.protocol.framing.Framing;
import java.util.function.ToIntFunction;

/** How many rows a request carries, for the server's metrics: {@link Framing#requestRows}. */
public final class RowCount {
  private RowCount() {}

  /** Every request counts as one row (extraction). */
  public static final ToIntFunction<byte[]> ONE = payload -> 1;

  /** Rows of an execution server's requests, {@code batched}: started with the legacy switch. */
  public static ToIntFunction<byte[]> of(boolean batched) {
    return payload -> Framing.requestRows(payload, batched);
  }
}
