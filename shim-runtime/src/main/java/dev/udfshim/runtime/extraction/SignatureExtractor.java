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
import org.apache.flink.table.types.inference.StaticArgument;
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

  List<UdfSignature> extract(String className, FunctionDefinition function, TypeInference inference)
      throws ExtractionException {
    List<UdfSignature> signatures = new ArrayList<>();
    Optional<List<StaticArgument>> statics = inference.getStaticArguments();
    if (statics.isPresent()) {
      List<String> names = new ArrayList<>();
      List<DataType> types = new ArrayList<>();
      List<Boolean> optional = new ArrayList<>();
      for (StaticArgument argument : statics.get()) {
        names.add(argument.getName());
        optional.add(argument.isOptional());
        types.add(
            argument
                .getDataType()
                .orElseThrow(
                    () ->
                        new ExtractionException(
                            ErrorCode.TYPE_EXTRACTION_ERROR,
                            "Argument '"
                                + argument.getName()
                                + "' of '"
                                + className
                                + "' is a table argument, which remote UDFs do not support; pass"
                                + " scalar values.")));
      }
      signatures.add(
          new UdfSignature(names, types, result(className, function, inference, types), optional));
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
