package dev.udfshim.flink.function;

import dev.udfshim.flink.client.CallSettings;
import java.io.Serializable;
import java.time.Duration;

/**
 * How the functions of one module call their servers (the options of {@code ShimOptions}).
 *
 * @param async scalar functions as {@code AsyncScalarFunction} (false: one blocking call per row)
 * @param asyncTables table functions as {@code AsyncTableFunction} (Flink 2.2+, streaming)
 * @param batched legacy servers (that answer describe with an error) speak the batch framing
 *     ({@code shim.execution.batch})
 * @param batchSize rows per call, or 0 to let the batched forms tune it (the server's limit caps
 *     both)
 * @param maxWait how long a batch's first row may wait, or null to let the batched forms tune it
 * @param cacheSize results of a deterministic function kept per function instance, 0 for none
 */
public record ClientSettings(
    boolean async,
    boolean asyncTables,
    boolean batched,
    int batchSize,
    Duration maxWait,
    int maxInFlight,
    CallSettings call,
    int cacheSize)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** The rows per call of a form that does not tune it: the option, else this default. */
  public int batchSizeOr(int fallback) {
    return batchSize > 0 ? batchSize : fallback;
  }

  /** The wait of a form that does not tune it: the option, else this default. */
  public Duration maxWaitOr(Duration fallback) {
    return maxWait != null ? maxWait : fallback;
  }
}
