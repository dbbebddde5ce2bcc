package dev.udfshim.flink.function;

import dev.udfshim.flink.client.CallSettings;
import java.io.Serializable;
import java.time.Duration;

/**
 * How the functions of one module call their servers (the options of {@code ShimOptions}).
 *
 * @param async scalar functions as {@code AsyncScalarFunction} (false: one blocking call per row)
 * @param batched servers speak the batch framing ({@code shim.execution.batch})
 */
public record ClientSettings(
    boolean async,
    boolean batched,
    int batchSize,
    Duration maxWait,
    int maxInFlight,
    CallSettings call)
    implements Serializable {
  private static final long serialVersionUID = 1L;
}
