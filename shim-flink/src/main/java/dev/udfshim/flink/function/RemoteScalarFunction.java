package dev.udfshim.flink.function;

import dev.udfshim.flink.codec.WireException;
import dev.udfshim.flink.codec.WireFormat;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.FunctionContext;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.types.inference.TypeInference;

/** One signature of a remote scalar UDF, one blocking call per row (the synchronous fallback). */
public final class RemoteScalarFunction extends ScalarFunction {
  private static final long serialVersionUID = 1L;

  private final BoundSignature bound;
  private transient Connection connection;
  private transient WireFormat.Request request;

  RemoteScalarFunction(BoundSignature bound) {
    this.bound = bound;
  }

  @Override
  public void open(FunctionContext context) {
    connection = Connection.open(bound, false, context);
    request = connection.format().newRequest();
  }

  /** The arguments as Flink's internal data structures; the result likewise. */
  public Object eval(Object... arguments) {
    byte[] answer = connection.invokeAndWait(request, arguments);
    try {
      return connection.format().readValues(answer, 1).get(0);
    } catch (WireException e) {
      throw connection.failure(e.getMessage());
    }
  }

  @Override
  public void close() {
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
