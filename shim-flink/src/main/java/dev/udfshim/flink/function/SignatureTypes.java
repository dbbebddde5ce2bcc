package dev.udfshim.flink.function;

import dev.udfshim.flink.signatures.ShimSignature;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.CallContext;
import org.apache.flink.table.types.inference.InputTypeStrategies;
import org.apache.flink.table.types.inference.InputTypeStrategy;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.inference.TypeStrategies;
import org.apache.flink.table.types.inference.TypeStrategy;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.utils.LogicalTypeCasts;
import org.apache.flink.table.types.utils.DataTypeUtils;

/**
 * Flink type inference from extracted signatures, built from Flink's own strategies: each signature
 * is an explicit sequence of its exact types (the planner casts the arguments to them), overloads
 * are tried as Flink's {@code or} does (a signature the arguments fit without a cast first, else
 * the first they can be cast to), and the result type is the chosen signature's.
 *
 * <p>Types are bridged to Flink's internal data structures, so values cross without conversion.
 */
final class SignatureTypes {
  private SignatureTypes() {}

  static TypeInference inference(List<ShimSignature> signatures) {
    Map<InputTypeStrategy, TypeStrategy> outputs = new LinkedHashMap<>();
    List<InputTypeStrategy> inputs = new ArrayList<>();
    for (ShimSignature signature : signatures) {
      InputTypeStrategy input = input(signature);
      inputs.add(input);
      outputs.put(input, TypeStrategies.explicit(internal(signature.returnType())));
    }
    if (signatures.size() == 1) {
      return TypeInference.newBuilder()
          .inputTypeStrategy(inputs.get(0))
          .outputTypeStrategy(outputs.get(inputs.get(0)))
          .build();
    }
    return TypeInference.newBuilder()
        .inputTypeStrategy(InputTypeStrategies.or(inputs.toArray(InputTypeStrategy[]::new)))
        .outputTypeStrategy(TypeStrategies.mapping(outputs))
        .build();
  }

  /**
   * The signature a call's arguments select, by the same rule as {@link #inference}: the first they
   * fit without a cast, else the first they can be cast to.
   */
  static Optional<ShimSignature> choose(List<ShimSignature> signatures, CallContext call) {
    List<LogicalType> actual =
        call.getArgumentDataTypes().stream().map(DataType::getLogicalType).toList();
    ShimSignature castable = null;
    for (ShimSignature signature : signatures) {
      if (input(signature).inferInputTypes(call, false).isEmpty()) {
        continue;
      }
      if (LogicalTypeCasts.supportsAvoidingCast(actual, signature.argumentTypes())) {
        return Optional.of(signature);
      }
      if (castable == null) {
        castable = signature;
      }
    }
    return Optional.ofNullable(castable);
  }

  static DataType internal(LogicalType type) {
    return DataTypeUtils.toInternalDataType(type);
  }

  private static InputTypeStrategy input(ShimSignature signature) {
    DataType[] types =
        signature.argumentTypes().stream().map(SignatureTypes::internal).toArray(DataType[]::new);
    if (signature.argumentNames().isEmpty()) {
      return InputTypeStrategies.explicitSequence(types);
    }
    return InputTypeStrategies.explicitSequence(
        signature.argumentNames().toArray(String[]::new), types);
  }
}
