package dev.udfshim.flink.function;

import dev.udfshim.flink.codec.WireException;
import dev.udfshim.flink.codec.WireFormat;
import java.util.List;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.table.types.inference.TypeInference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One signature of a remote table UDF: one call per input row, every row it answers collected.
 * Flink 2.0's table functions are synchronous (a row's output must be collected while it is
 * evaluated), so there is no batching here.
 */
public final class RemoteTableFunction extends TableFunction<Object> {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RemoteTableFunction.class);

  private final BoundSignature bound;
  private transient Connection connection;
  private transient WireFormat.Request request;
  private transient ResultCache cache;

  RemoteTableFunction(BoundSignature bound) {
    this.bound = bound;
  }

  @Override
  public void open(FunctionContext context) {
    connection = Connection.open(bound, true, context);
    request = connection.format().newRequest();
    int cacheSize = bound.settings().cacheSize();
    if (cacheSize > 0 && bound.deterministic()) {
      cache = new ResultCache(cacheSize, context.getMetricGroup());
    }
  }

  /** The arguments as Flink's internal data structures; rows likewise. */
  public void eval(Object... arguments) {
    byte[] payload = connection.encode(request, arguments);
    byte[] answer =
        cache == null
            ? connection.invokeAndWait(payload)
            : cache.answer(payload, connection::invokeAndWait);
    List<Object> rows;
    try {
      rows = connection.format().readRows(answer, 1).get(0);
    } catch (WireException e) {
      throw connection.failure(e.getMessage());
    }
    rows.forEach(this::collect);
  }

  @Override
  public void close() {
    if (cache != null) {
      LOG.info("{}: {}", bound.target(), cache.summary());
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
