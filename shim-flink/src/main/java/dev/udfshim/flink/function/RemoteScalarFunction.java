package dev.udfshim.flink.function;

import dev.udfshim.flink.codec.WireException;
import dev.udfshim.flink.codec.WireFormat;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.types.inference.TypeInference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** One signature of a remote scalar UDF, one blocking call per row (the synchronous fallback). */
public final class RemoteScalarFunction extends ScalarFunction {
  private static final long serialVersionUID = 1L;
  private static final Logger LOG = LoggerFactory.getLogger(RemoteScalarFunction.class);

  private final BoundSignature bound;
  private transient Connection connection;
  private transient WireFormat.Request request;
  private transient ResultCache cache;

  RemoteScalarFunction(BoundSignature bound) {
    this.bound = bound;
  }

  @Override
  public void open(FunctionContext context) {
    connection = Connection.open(bound, false, context);
    request = connection.format().newRequest();
    int cacheSize = bound.settings().cacheSize();
    if (cacheSize > 0 && bound.deterministic()) {
      cache = new ResultCache(cacheSize, context.getMetricGroup());
    }
  }

  /** The arguments as Flink's internal data structures; the result likewise. */
  public Object eval(Object... arguments) {
    byte[] payload = connection.encode(request, arguments);
    byte[] answer =
        cache == null
            ? connection.invokeAndWait(payload)
            : cache.answer(payload, connection::invokeAndWait);
    try {
      return connection.format().readValues(answer, 1).get(0);
    } catch (WireException e) {
      throw connection.failure(e.getMessage());
    }
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
