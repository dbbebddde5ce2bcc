package dev.udfshim.flink.function;

import java.util.Collection;
import java.util.concurrent.CompletableFuture;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.AsyncTableFunction;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.types.inference.TypeInference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One signature of a remote table UDF as an {@link AsyncTableFunction}, for SQL's {@code LATERAL
 * TABLE} on Flink 2.2 and later ('table.mode' = 'ASYNC'), where Flink's async correlate keeps every
 * column and calls eval with NULL arguments: input rows are batched into calls, and each row's
 * emitted rows complete its future.
 */
public final class RemoteAsyncTableFunction extends AsyncTableFunction<Object> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RemoteAsyncTableFunction.class);

  private final BoundSignature bound;
  private final int operatorCapacity;
  private transient AsyncCalls calls;

  /**
   * @param operatorCapacity Flink's {@code table.exec.async-table.max-concurrent-operations}
   */
  RemoteAsyncTableFunction(BoundSignature bound, int operatorCapacity) {
    this.bound = bound;
    this.operatorCapacity = operatorCapacity;
  }

  @Override
  public void open(FunctionContext context) {
    calls = new AsyncCalls(Connection.open(bound, true), operatorCapacity);
  }

  /** The arguments as Flink's internal data structures; the rows likewise. */
  @SuppressWarnings({"unchecked", "rawtypes"})
  public void eval(CompletableFuture<Collection<Object>> result, Object... arguments) {
    calls.add(arguments, (CompletableFuture) result);
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
  public String toString() {
    return "remote " + bound.target();
  }
}
