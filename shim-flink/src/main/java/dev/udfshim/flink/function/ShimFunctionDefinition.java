package dev.udfshim.flink.function;

import dev.udfshim.flink.client.Endpoints;
import dev.udfshim.flink.signatures.ShimSignature;
import dev.udfshim.flink.signatures.ShimUdf;
import dev.udfshim.protocol.UdfKind;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.FunctionKind;
import org.apache.flink.table.functions.SpecializedFunction;
import org.apache.flink.table.functions.UserDefinedFunction;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.utils.LogicalTypeCasts;

/**
 * A remote UDF as Flink sees it: kind, types and determinism from extraction. For each call the
 * planner specializes it into the function of the one signature the arguments select, bound to that
 * signature's server; signatures without an endpoint are not offered.
 */
public final class ShimFunctionDefinition implements SpecializedFunction {
  private static final org.apache.flink.configuration.ConfigOption<String> RUNTIME_MODE =
      org.apache.flink.configuration.ConfigOptions.key("execution.runtime-mode")
          .stringType()
          .defaultValue("STREAMING");

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
      return settings.asyncTables() ? FunctionKind.ASYNC_TABLE : FunctionKind.TABLE;
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
      if (!settings.asyncTables()) {
        return new RemoteTableFunction(bound);
      }
      if ("BATCH".equalsIgnoreCase(context.getConfiguration().get(RUNTIME_MODE))) {
        throw new ValidationException(AsyncScalarDefect.asyncTablesInBatchMode());
      }
      FlinkAsyncOptions.checkTable(
          context.getConfiguration(),
          bound.target(),
          settings.batchSizeOr(Connection.LEGACY_BATCH_SIZE));
      return new RemoteAsyncTableFunction(
          bound, FlinkAsyncOptions.tableCapacity(context.getConfiguration()));
    }
    if (!settings.async()) {
      return new RemoteScalarFunction(bound);
    }
    int capacity = FlinkAsyncOptions.capacity(context.getConfiguration());
    FlinkAsyncOptions.check(
        context.getConfiguration(),
        bound.target(),
        settings.batchSizeOr(Connection.LEGACY_BATCH_SIZE),
        settings.call().timeout());
    return new RemoteAsyncScalarFunction(bound, capacity);
  }

  /**
   * The signature a Table API call on columns of these types selects, bound to its server: one
   * whose types equal them (nullability aside), else the first they can be implicitly cast to, as
   * the planner would choose.
   *
   * @throws ValidationException naming the columns' types and the served signatures
   */
  public BoundSignature bind(List<LogicalType> columns) {
    ShimSignature chosen = null;
    for (ShimSignature signature : served) {
      if (matches(signature, columns, false)) {
        chosen = signature;
        break;
      }
    }
    for (int i = 0; chosen == null && i < served.size(); i++) {
      if (matches(served.get(i), columns, true)) {
        chosen = served.get(i);
      }
    }
    if (chosen == null) {
      throw new ValidationException(
          "No signature of "
              + name
              + " ("
              + udf.className()
              + ") takes columns of the types "
              + columns.stream().map(LogicalType::asSummaryString).toList()
              + "; it serves "
              + served.stream().map(ShimSignature::describe).toList()
              + ". Cast the columns first, e.g. with Table#addColumns.");
    }
    return new BoundSignature(
        udf.className(), chosen, endpoints.get(chosen.index()), udf.deterministic(), settings);
  }

  private static boolean matches(
      ShimSignature signature, List<LogicalType> columns, boolean implicitCast) {
    if (signature.argumentTypes().size() != columns.size()) {
      return false;
    }
    for (int i = 0; i < columns.size(); i++) {
      LogicalType target = signature.argumentTypes().get(i);
      LogicalType column = columns.get(i);
      boolean fits =
          implicitCast
              ? LogicalTypeCasts.supportsImplicitCast(column, target)
              : column.copy(true).equals(target.copy(true));
      if (!fits) {
        return false;
      }
    }
    return true;
  }

  @Override
  public String toString() {
    return name;
  }
}
