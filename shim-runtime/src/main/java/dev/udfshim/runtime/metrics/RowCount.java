package dev.udfshim.runtime.metrics;

import java.util.function.ToIntFunction;

/**
 * How many rows a request carries, read from its first bytes without decoding it: one per one-row
 * request, a batch's row count (its leading int32), none for a control frame (first byte {@code
 * 0x02} or above: a one-row request starts with a null flag, a batch count below 2^24 with 0).
 */
public final class RowCount {
  private RowCount() {}

  /** Every request counts as one row (extraction). */
  public static final ToIntFunction<byte[]> ONE = payload -> 1;

  public static ToIntFunction<byte[]> of(boolean batched) {
    return batched ? RowCount::batch : RowCount::oneRow;
  }

  private static int oneRow(byte[] payload) {
    return payload.length > 0 && (payload[0] & 0xff) >= 2 ? 0 : 1;
  }

  private static int batch(byte[] payload) {
    if (payload.length < 4 || (payload[0] & 0xff) >= 2) {
      return 0;
    }
    int count =
        (payload[0] & 0xff) << 24
            | (payload[1] & 0xff) << 16
            | (payload[2] & 0xff) << 8
            | (payload[3] & 0xff);
    return Math.max(0, count);
  }
}
