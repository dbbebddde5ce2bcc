package dev.udfshim.runtime.extraction;

import io.confluent.flink.udf.extractor.v1.ErrorCode;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.catalog.DataTypeFactory;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.Signature;
import org.apache.flink.table.types.inference.TypeInference;

/**
 * Turns Flink's type inference of a function into exact signatures.
 *
 * <p>With one signature Flink gives exact static arguments. With overloads its public surface only
 * lists each signature's type strings, so each listed signature is parsed back and handed to the
 * function's own input strategy, which answers the exact declared types; the output strategy then
 * answers the result type for exactly those arguments. Every type in the answer comes from Flink.
 */
final class SignatureExtractor {
  private final DataTypeFactory factory;

  SignatureExtractor(DataTypeFactory factory) {
    this.factory = factory;
  }

  // Flink 2 deprecates the typed and named arguments for its static arguments, which 1.20 lacks.
  @SuppressWarnings("deprecation")
  List<UdfSignature> extract(String className, FunctionDefinition function, TypeInference inference)
      throws ExtractionException {
    List<UdfSignature> signatures = new ArrayList<>();
    // The typed and named arguments, not Flink 2's static arguments: every supported Flink (1.20
    // to 2.3) has these, and the runtime links only against what all of them have.
    Optional<List<DataType>> typed;
    try {
      typed = inference.getTypedArguments();
    } catch (IllegalArgumentException e) {
      // Flink 2 refuses to list the types when one argument is a table.
      throw new ExtractionException(
          ErrorCode.TYPE_EXTRACTION_ERROR,
          "An argument of '"
              + className
              + "' is a table argument, which remote UDFs do not support; pass scalar values.");
    }
    if (typed.isPresent()) {
      List<DataType> types = typed.get();
      List<String> names = inference.getNamedArguments().orElse(List.of());
      List<Boolean> optional = inference.getOptionalArguments().orElse(List.of());
      signatures.add(
          new UdfSignature(
              names.size() == types.size() ? names : List.of(),
              types,
              result(className, function, inference, types),
              optional.size() == types.size() ? optional : List.of()));
    } else {
      for (Signature listed : inference.getInputTypeStrategy().getExpectedSignatures(function)) {
        signatures.add(fromListed(className, function, inference, listed));
      }
    }
    signatures.sort(UdfSignature.ORDER);
    return signatures;
  }

  private UdfSignature fromListed(
      String className, FunctionDefinition function, TypeInference inference, Signature listed)
      throws ExtractionException {
    List<String> names = new ArrayList<>();
    List<DataType> probe = new ArrayList<>();
    for (Signature.Argument argument : listed.getArguments()) {
      names.add(argument.getName().orElse(null));
      try {
        probe.add(factory.createDataType(argument.getType()));
      } catch (ValidationException e) {
        if (ConcreteTypes.isAnyType(argument.getType())) {
          throw ConcreteTypes.anyArgument(className, probe.size() + 1);
        }
        throw new ExtractionException(
            ErrorCode.TYPE_EXTRACTION_ERROR,
            "An eval method of '"
                + className
                + "' accepts '"
                + argument.getType()
                + "' for argument "
                + (probe.size() + 1)
                + ", which is not one SQL type; give that argument a concrete type with"
                + " @DataTypeHint.");
      }
    }
    List<DataType> exact =
        inference
            .getInputTypeStrategy()
            .inferInputTypes(new ProbeCallContext(factory, function, probe), false)
            .orElseThrow(() -> unmappable(className, probe));
    return new UdfSignature(
        names.contains(null) ? List.of() : names,
        exact,
        result(className, function, inference, exact));
  }

  private DataType result(
      String className, FunctionDefinition function, TypeInference inference, List<DataType> args)
      throws ExtractionException {
    return inference
        .getOutputTypeStrategy()
        .inferType(new ProbeCallContext(factory, function, args))
        .orElseThrow(() -> unmappable(className, args));
  }

  private static ExtractionException unmappable(String className, List<DataType> args) {
    return new ExtractionException(
        ErrorCode.TYPE_EXTRACTION_ERROR,
        "Flink could not map the arguments "
            + args.stream().map(Objects::toString).toList()
            + " of '"
            + className
            + "' to one eval method; make the overloads' types distinct or declare them with"
            + " @FunctionHint.");
  }
}
