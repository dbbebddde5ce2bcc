package dev.udfshim.flink.function;

import dev.udfshim.flink.batch.RowBatcher;
import dev.udfshim.flink.batch.SharedTimer;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.AsyncScalarFunction;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.types.inference.TypeInference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One signature of a remote scalar UDF as an {@link AsyncScalarFunction}: rows are collected into
 * batches (batched servers) or sent one per call (one-row servers), with a bounded number of calls
 * in flight.
 */
public final class RemoteAsyncScalarFunction extends AsyncScalarFunction {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RemoteAsyncScalarFunction.class);

  /** The payload bytes of a call: gRPC's 4 MiB message limit less room for the envelope. */
  static final int MAX_CALL_BYTES = (4 << 20) - 1024;

  private final BoundSignature bound;
  private final int operatorCapacity;
  private transient Connection connection;
  private transient SharedTimer.Lease timer;
  private transient RowBatcher batcher;

  /**
   * @param operatorCapacity Flink's {@code table.exec.async-scalar.buffer-capacity}: rows the
   *     operator lets wait for an answer
   */
  RemoteAsyncScalarFunction(BoundSignature bound, int operatorCapacity) {
    this.bound = bound;
    this.operatorCapacity = operatorCapacity;
  }

  @Override
  public void open(FunctionContext context) {
    connection = Connection.open(bound, false, context);
    ClientSettings settings = bound.settings();
    timer = SharedTimer.acquire();
    int maxRows =
        Math.min(settings.batchSizeOr(Connection.LEGACY_BATCH_SIZE), connection.maxRows());
    batcher =
        new RowBatcher(
            connection.format(),
            new RowBatcher.Limits(
                maxRows,
                MAX_CALL_BYTES,
                settings.maxWaitOr(Duration.ofMillis(100)),
                settings.maxInFlight(),
                Math.max(1, operatorCapacity)),
            connection::invoke,
            connection::failure,
            timer.executor());
  }

  /** The arguments as Flink's internal data structures; the result likewise. */
  public void eval(CompletableFuture<Object> result, Object... arguments) {
    batcher.add(arguments, result);
  }

  @Override
  public void close() {
    if (batcher != null) {
      LOG.info("{}: {}", bound.target(), batcher.summary());
    }
    if (timer != null) {
      timer.close();
    }
    if (connection != null) {
      connection.close();
    }
  }

  @Override
  public TypeInference getTypeInference(DataTypeFactory typeFactory) {
    return bound.typeInference();
  }

  @Override
  public boolean isDeterministic() {
    return bound.deterministic();
  }

  @Override
  public boolean supportsConstantFolding() {
    return false;
  }

  @Override
  public String toString() {
    return "remote " + bound.target();
  }
}
