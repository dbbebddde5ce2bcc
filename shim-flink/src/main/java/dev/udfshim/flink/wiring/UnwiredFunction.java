package dev.udfshim.flink.wiring;

import dev.udfshim.flink.signatures.ShimSignature;
import dev.udfshim.flink.signatures.ShimUdf;
import dev.udfshim.protocol.UdfKind;
import dev.udfshim.protocol.layout.ShimLayout;
import dev.udfshim.protocol.module.LoadModule;
import java.util.List;
import java.util.Optional;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.functions.FunctionKind;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.ArgumentCount;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.ConstantArgumentCount;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.Signature;
import org.apache.flink.table.types.inference.TypeInference;

/**
 * A function the signatures list but {@code endpoints} gives no server: a query that calls it fails
 * with the entry to add, instead of the planner's "No match found for function signature" (a
 * mistyped entry otherwise looks like a missing function).
 */
public final class UnwiredFunction implements FunctionDefinition {
  private final String name;
  private final ShimUdf udf;

  public UnwiredFunction(String name, ShimUdf udf) {
    this.name = name;
    this.udf = udf;
  }

  public String name() {
    return name;
  }

  /** The sentence a call gets. */
  public String problem() {
    List<String> entries =
        udf.signatures().stream()
            .map(s -> LoadModule.endpointKey(udf.className(), s.index()) + "=<host>:<port>")
            .toList();
    return name
        + " ("
        + udf.className()
        + ") is in 'signatures', but 'endpoints' names no server for it; add "
        + String.join(LoadModule.LIST_SEPARATOR, entries)
        + " to 'endpoints' (the statement `"
        + ShimLayout.LAUNCHER
        + " serve --all` prints has every entry).";
  }

  @Override
  public FunctionKind getKind() {
    return udf.kind() == UdfKind.TABLE ? FunctionKind.TABLE : FunctionKind.SCALAR;
  }

  @Override
  public TypeInference getTypeInference(
      org.apache.flink.table.catalog.DataTypeFactory typeFactory) {
    return TypeInference.newBuilder()
        .inputTypeStrategy(new Refusing())
        // Not MISSING: the planner drops a function whose output strategy is, and says "No match
        // found"; this one is never asked, since every call fails its input strategy first.
        .outputTypeStrategy(callContext -> Optional.empty())
        .build();
  }

  @Override
  public boolean isDeterministic() {
    return udf.deterministic();
  }

  @Override
  public String toString() {
    return name;
  }

  /** Fails every call with the sentence, listing the signatures the servers would take. */
  private final class Refusing implements InputTypeStrategy {
    @Override
    public ArgumentCount getArgumentCount() {
      return ConstantArgumentCount.any();
    }

    @Override
    public Optional<List<DataType>> inferInputTypes(
        CallContext callContext, boolean throwOnFailure) {
      if (throwOnFailure) {
        throw callContext.newValidationError(problem());
      }
      return Optional.empty();
    }

    @Override
    public List<Signature> getExpectedSignatures(FunctionDefinition definition) {
      return udf.signatures().stream()
          .map(ShimSignature::describe)
          .map(text -> Signature.of(Signature.Argument.of(text)))
          .toList();
    }
  }
}
