package dev.udfshim.flink.function;

import dev.udfshim.flink.client.Endpoints;
import dev.udfshim.flink.signatures.ShimSignature;
import dev.udfshim.flink.signatures.ShimUdf;
import dev.udfshim.protocol.UdfKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.api.config.ExecutionConfigOptions;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.FunctionKind;
import org.apache.flink.table.functions.SpecializedFunction;
import org.apache.flink.table.functions.UserDefinedFunction;
import org.apache.flink.table.types.inference.TypeInference;

/**
 * A remote UDF as Flink sees it: kind, types and determinism from extraction. For each call the
 * planner specializes it into the function of the one signature the arguments select, bound to that
 * signature's server; signatures without an endpoint are not offered.
 */
public final class ShimFunctionDefinition implements SpecializedFunction {
  private final String name;
  private final ShimUdf udf;
  private final List<ShimSignature> served;
  private final Map<Integer, Endpoints> endpoints;
  private final ClientSettings settings;

  /**
   * @param endpoints the server of each served signature, by signature index; not empty
   */
  public ShimFunctionDefinition(
      String name, ShimUdf udf, Map<Integer, Endpoints> endpoints, ClientSettings settings) {
    this.name = name;
    this.udf = udf;
    this.endpoints = Map.copyOf(endpoints);
    this.settings = settings;
    List<ShimSignature> list = new ArrayList<>();
    for (ShimSignature signature : udf.signatures()) {
      if (endpoints.containsKey(signature.index())) {
        list.add(signature);
      }
    }
    if (list.isEmpty()) {
      throw new IllegalArgumentException("no signature of " + udf.className() + " has an endpoint");
    }
    this.served = List.copyOf(list);
  }

  public String name() {
    return name;
  }

  public ShimUdf udf() {
    return udf;
  }

  @Override
  public FunctionKind getKind() {
    if (udf.kind() == UdfKind.TABLE) {
      return FunctionKind.TABLE;
    }
    return settings.async() ? FunctionKind.ASYNC_SCALAR : FunctionKind.SCALAR;
  }

  @Override
  public TypeInference getTypeInference(DataTypeFactory typeFactory) {
    return SignatureTypes.inference(served);
  }

  @Override
  public boolean isDeterministic() {
    return udf.deterministic();
  }

  /** Planning never calls a server: results are computed when the job runs. */
  @Override
  public boolean supportsConstantFolding() {
    return false;
  }

  @Override
  public UserDefinedFunction specialize(SpecializedContext context) {
    ShimSignature signature =
        SignatureTypes.choose(served, context.getCallContext())
            .orElseThrow(
                () ->
                    new ValidationException(
                        "No signature of "
                            + name
                            + " ("
                            + udf.className()
                            + ") takes the arguments "
                            + context.getCallContext().getArgumentDataTypes()
                            + "; it serves "
                            + served.stream().map(ShimSignature::describe).toList()
                            + "."));
    BoundSignature bound =
        new BoundSignature(
            udf.className(),
            signature,
            endpoints.get(signature.index()),
            udf.deterministic(),
            settings);
    if (udf.kind() == UdfKind.TABLE) {
      return new RemoteTableFunction(bound);
    }
    if (!settings.async()) {
      return new RemoteScalarFunction(bound);
    }
    int capacity =
        context
            .getConfiguration()
            .get(ExecutionConfigOptions.TABLE_EXEC_ASYNC_SCALAR_BUFFER_CAPACITY);
    return new RemoteAsyncScalarFunction(bound, capacity);
  }

  @Override
  public String toString() {
    return name;
  }
}
