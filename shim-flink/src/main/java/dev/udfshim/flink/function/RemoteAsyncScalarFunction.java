package dev.udfshim.flink.function;

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

  private final BoundSignature bound;
  private final int operatorCapacity;
  private transient AsyncCalls calls;

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
    calls = new AsyncCalls(Connection.open(bound, false, context), operatorCapacity);
  }

  /** The arguments as Flink's internal data structures; the result likewise. */
  public void eval(CompletableFuture<Object> result, Object... arguments) {
    calls.add(arguments, result);
  }

  @Override
  public void close() {
    if (calls != null) {
      calls.close(LOG);
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
