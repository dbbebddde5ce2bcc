package dev.udfshim.runtime.extraction;

import io.confluent.flink.udf.extractor.v1.ErrorCode;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.lang.reflect.Parameter;
import java.util.Optional;
import org.apache.flink.table.annotation.DataTypeHint;
import org.apache.flink.table.annotation.FunctionHint;

/**
 * Object, ANY and RAW: Flink SQL can take them (its messages suggest RAW types), but the platform
 * calls a UDF through fixed signatures, so each gets one message that says so and what to write
 * instead, and a user fixes it in one build rather than two.
 */
final class ConcreteTypes {
  private static final String NEED =
      "the platform calls a UDF through fixed signatures, one concrete SQL type per argument and"
          + " result";
  private static final String FIX =
      "declare a class Flink maps to one SQL type (Long, String, BigDecimal, Row with"
          + " @DataTypeHint(\"ROW<...>\"), ...) or name the type with @DataTypeHint(\"BIGINT\").";

  private ConcreteTypes() {}

  /**
   * Why Flink's inference of the class failed, when it is one of these: a RAW type asked for, or an
   * eval parameter or result declared Object without a hint.
   */
  static Optional<ExtractionException> explain(String className, Class<?> type, Throwable failure) {
    for (Throwable c = failure; c != null; c = c.getCause()) {
      if (c instanceof ShimDataTypeFactory.RawTypeException raw) {
        return Optional.of(raw(className, "eval uses RAW (" + raw.what() + ")"));
      }
    }
    if (type.isAnnotationPresent(FunctionHint.class)) {
      return Optional.empty();
    }
    for (Method method : type.getMethods()) {
      if (!method.getName().equals("eval")
          || Modifier.isStatic(method.getModifiers())
          || method.isAnnotationPresent(FunctionHint.class)) {
        continue;
      }
      Parameter[] parameters = method.getParameters();
      for (int i = 0; i < parameters.length; i++) {
        if (parameters[i].getType() == Object.class
            && !parameters[i].isAnnotationPresent(DataTypeHint.class)) {
          String name = parameters[i].isNamePresent() ? " (" + parameters[i].getName() + ")" : "";
          return Optional.of(
              untyped(
                  className,
                  "argument "
                      + (i + 1)
                      + name
                      + " of eval is declared Object, which has no SQL"
                      + " type"));
        }
      }
      if (method.getReturnType() == Object.class
          && !method.isAnnotationPresent(DataTypeHint.class)) {
        return Optional.of(
            untyped(className, "the result of eval is declared Object, which has no SQL type"));
      }
    }
    return Optional.empty();
  }

  /** An argument of any type ({@code InputGroup.ANY}), as Flink lists it: {@code <ANY>}. */
  static boolean isAnyType(String listedType) {
    return listedType.equals("<ANY>") || listedType.equals("ANY") || listedType.equals("*");
  }

  static ExtractionException anyArgument(String className, int position) {
    return untyped(
        className,
        "argument "
            + position
            + " of eval accepts any type (InputGroup.ANY), which has no one SQL"
            + " type");
  }

  /** A signature's type that is RAW, e.g. inside an ARRAY. */
  static ExtractionException raw(String className, String what) {
    return untyped(className, what + ", Flink's serialized Java object, which has no SQL type");
  }

  private static ExtractionException untyped(String className, String what) {
    return new ExtractionException(
        ErrorCode.TYPE_EXTRACTION_ERROR,
        "In '" + className + "', " + what + ", but " + NEED + ": " + FIX);
  }
}
