package dev.udfshim.runtime.extraction;

import java.util.List;
import java.util.Optional;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.CallContext;

/** A call with known argument types and nothing else: enough to ask Flink's strategies. */
record ProbeCallContext(
    DataTypeFactory getDataTypeFactory,
    FunctionDefinition getFunctionDefinition,
    List<DataType> getArgumentDataTypes)
    implements CallContext {

  @Override
  public boolean isArgumentLiteral(int pos) {
    return false;
  }

  @Override
  public boolean isArgumentNull(int pos) {
    return false;
  }

  @Override
  public <T> Optional<T> getArgumentValue(int pos, Class<T> clazz) {
    return Optional.empty();
  }

  @Override
  public String getName() {
    return "eval";
  }

  @Override
  public Optional<DataType> getOutputDataType() {
    return Optional.empty();
  }

  @Override
  public boolean isGroupedAggregation() {
    return false;
  }
}
