package dev.udfshim.runtime.metrics;

import dev.udfshim.protocol.framing.ControlFrames;
import java.util.function.ToIntFunction;

/**
 * How many rows a request carries, read from its first bytes without decoding it: one per one-row
 * request, a batch's row count (its leading int32), a batch frame's row count (the int32 after its
 * {@code 0x03}), none for another control frame (first byte {@code 0x02} or above: a one-row
 * request starts with a null flag, a batch count below 2^24 with 0).
 */
public final class RowCount {
  private RowCount() {}

  /** Every request counts as one row (extraction). */
  public static final ToIntFunction<byte[]> ONE = payload -> 1;

  public static ToIntFunction<byte[]> of(boolean batched) {
    return batched ? RowCount::batch : RowCount::oneRow;
  }

  private static int oneRow(byte[] payload) {
    if (payload.length > 0 && (payload[0] & 0xff) >= 2) {
      return batchFrame(payload);
    }
    return 1;
  }

  private static int batch(byte[] payload) {
    if (payload.length > 0 && (payload[0] & 0xff) >= 2) {
      return batchFrame(payload);
    }
    return count(payload, 0);
  }

  /** Every server takes batch frames, with or without the legacy batch switch. */
  private static int batchFrame(byte[] payload) {
    return (payload[0] & 0xff) == ControlFrames.BATCH ? count(payload, 1) : 0;
  }

  private static int count(byte[] payload, int at) {
    if (payload.length < at + 4) {
      return 0;
    }
    int count =
        (payload[at] & 0xff) << 24
            | (payload[at + 1] & 0xff) << 16
            | (payload[at + 2] & 0xff) << 8
            | (payload[at + 3] & 0xff);
    return Math.max(0, count);
  }
}
