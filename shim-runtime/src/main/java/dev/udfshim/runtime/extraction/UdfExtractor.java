package dev.udfshim.runtime.extraction;

import dev.udfshim.protocol.UdfKind;
import dev.udfshim.protocol.codec.WireTypes;
import dev.udfshim.runtime.handler.Failures;
import io.confluent.flink.udf.extractor.v1.Error;
import io.confluent.flink.udf.extractor.v1.ErrorCode;
import io.confluent.flink.udf.extractor.v1.ExtractionResponse;
import io.confluent.flink.udf.extractor.v1.Signature;
import java.io.IOException;
import java.io.NotSerializableException;
import java.io.ObjectOutputStream;
import java.io.OutputStream;
import java.lang.reflect.Constructor;
import java.lang.reflect.InvocationTargetException;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.List;
import java.util.Optional;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.table.functions.UserDefinedFunction;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.TypeInference;
import org.apache.flink.table.types.logical.LogicalType;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Answers what a UDF class looks like to Flink: its signatures, determinism and kind, or one coded
 * error whose message says what is wrong and what to do. Never throws: whatever the user class does
 * ends up in the response.
 */
public final class UdfExtractor {
  private static final Logger LOG = LoggerFactory.getLogger(UdfExtractor.class);
  private final ClassLoader loader;

  public UdfExtractor(ClassLoader loader) {
    this.loader = loader;
  }

  /** The extraction answer for one class name. */
  public ExtractionResponse extract(String className) {
    try {
      return toResponse(inspect(className));
    } catch (ExtractionException failure) {
      return error(failure.code(), failure.getMessage());
    } catch (RuntimeException | LinkageError e) {
      return error(
          ErrorCode.UNKNOWN,
          "Extraction of '" + className + "' failed unexpectedly: " + Failures.describe(e));
    }
  }

  /** An answer with only the error set. */
  public static ExtractionResponse error(ErrorCode code, String message) {
    return ExtractionResponse.newBuilder()
        .setError(Error.newBuilder().setCode(code).setErrorMessage(message))
        .build();
  }

  /** What Flink sees in the class, or the coded reason it cannot be served. */
  public ExtractedUdf inspect(String rawName) throws ExtractionException {
    String className = rawName == null ? "" : rawName.strip();
    if (className.isEmpty()) {
      throw new ExtractionException(
          ErrorCode.USER_CODE_NOT_FOUND,
          "The request names no class: set class_name to the fully qualified class name of the"
              + " UDF, e.g. com.example.MyFunction.");
    }
    Class<?> type = load(className);
    String kind = kind(className, type);
    UserDefinedFunction function;
    try {
      function = instantiate(className, type);
      rejectUnsupportedShapes(className, type);
    } catch (LinkageError e) {
      throw linkageFailure(className, e);
    }

    ShimDataTypeFactory factory = new ShimDataTypeFactory(loader);
    List<UdfSignature> signatures;
    try {
      TypeInference inference = function.getTypeInference(factory);
      signatures = new SignatureExtractor(factory).extract(className, function, inference);
    } catch (ExtractionException e) {
      throw e;
    } catch (RuntimeException | LinkageError e) {
      LOG.debug("Type inference of {} failed", className, e);
      Optional<ExtractionException> untyped = ConcreteTypes.explain(className, type, e);
      if (untyped.isPresent()) {
        throw untyped.get();
      }
      Optional<String> unknown = UnknownFlink.missing(e);
      if (unknown.isPresent()) {
        throw new ExtractionException(
            ErrorCode.TYPE_EXTRACTION_ERROR, UnknownFlink.sentence(className, unknown.get()));
      }
      throw new ExtractionException(
          ErrorCode.TYPE_EXTRACTION_ERROR,
          "Flink could not infer the types of '"
              + className
              + "': "
              + Throwables.innermostMessages(e, 2)
              + " Fix the eval methods or describe their types with @DataTypeHint /"
              + " @FunctionHint.");
    }
    for (UdfSignature signature : signatures) {
      checkWireTypes(className, signature);
    }
    checkSerializable(className, function);
    boolean deterministic;
    try {
      deterministic = function.isDeterministic();
    } catch (RuntimeException e) {
      throw new ExtractionException(
          ErrorCode.UNKNOWN,
          "isDeterministic() of '"
              + className
              + "' threw "
              + Failures.describe(e)
              + "; make it return a constant.");
    }
    return new ExtractedUdf(type, kind, deterministic, signatures, function);
  }

  private static ExtractionResponse toResponse(ExtractedUdf udf) {
    ExtractionResponse.Builder response =
        ExtractionResponse.newBuilder()
            .setIsDeterministic(udf.deterministic())
            .setFunctionKind(udf.kind());
    for (UdfSignature signature : udf.signatures()) {
      response.addSignatures(
          Signature.newBuilder()
              .addAllArgumentTypes(signature.argumentTypeStrings())
              .setReturnType(signature.returnTypeString())
              .addAllArgumentNames(signature.argumentNames()));
    }
    return response.build();
  }

  /**
   * A class that loaded but cannot be used: its static initializer failed (on an earlier request
   * too), or a class its methods need is missing.
   */
  private static ExtractionException linkageFailure(String className, LinkageError e) {
    if (e instanceof ExceptionInInitializerError
        || String.valueOf(e.getMessage()).startsWith("Could not initialize class")) {
      return new ExtractionException(
          ErrorCode.GENERAL_FAILED_EXTRACTION,
          "The static initializer of '"
              + className
              + "' failed ("
              + Failures.describe(e.getCause() != null ? e.getCause() : e)
              + "); make class loading succeed without external resources.");
    }
    Optional<String> unknown = UnknownFlink.missing(e);
    if (unknown.isPresent()) {
      return new ExtractionException(
          ErrorCode.GENERAL_FAILED_EXTRACTION, UnknownFlink.sentence(className, unknown.get()));
    }
    if (e instanceof NoClassDefFoundError) {
      return new ExtractionException(
          ErrorCode.USER_CODE_NOT_FOUND,
          "Class '"
              + className
              + "' needs class '"
              + e.getMessage()
              + "', which is missing; bundle that dependency in the UDF jar.");
    }
    return new ExtractionException(
        ErrorCode.GENERAL_FAILED_EXTRACTION,
        "Class '" + className + "' cannot be used: " + Failures.describe(e) + ".");
  }

  private Class<?> load(String className) throws ExtractionException {
    try {
      return Class.forName(className, false, loader);
    } catch (ClassNotFoundException e) {
      throw new ExtractionException(
          ErrorCode.USER_CODE_NOT_FOUND,
          "Class '"
              + className
              + "' was not found in the UDF artifact; check the fully qualified name and that the"
              + " jar holds the class.");
    } catch (NoClassDefFoundError e) {
      Optional<String> unknown = UnknownFlink.missing(e);
      if (unknown.isPresent()) {
        throw new ExtractionException(
            ErrorCode.GENERAL_FAILED_EXTRACTION, UnknownFlink.sentence(className, unknown.get()));
      }
      throw new ExtractionException(
          ErrorCode.USER_CODE_NOT_FOUND,
          "Class '"
              + className
              + "' cannot be loaded because class '"
              + e.getMessage()
              + "' it needs is missing; bundle that dependency in the UDF jar.");
    } catch (UnsupportedClassVersionError e) {
      throw new ExtractionException(
          ErrorCode.GENERAL_FAILED_EXTRACTION,
          "Class '"
              + className
              + "' was compiled for a newer Java than this runtime's "
              + Runtime.version().feature()
              + " ("
              + e.getMessage()
              + "); compile it with --release "
              + Runtime.version().feature()
              + " or lower.");
    } catch (LinkageError e) {
      throw new ExtractionException(
          ErrorCode.GENERAL_FAILED_EXTRACTION,
          "Class '" + className + "' cannot be loaded: " + Failures.describe(e) + ".");
    }
  }

  private static String kind(String className, Class<?> type) throws ExtractionException {
    if (ScalarFunction.class.isAssignableFrom(type)) {
      return UdfKind.SCALAR.name();
    }
    if (TableFunction.class.isAssignableFrom(type)) {
      return UdfKind.TABLE.name();
    }
    if (UserDefinedFunction.class.isAssignableFrom(type)) {
      throw new ExtractionException(
          ErrorCode.NOT_SUPPORTED_FUNCTION,
          "Class '"
              + className
              + "' is a Flink "
              + flinkBaseClass(type)
              + "; remote UDFs support only ScalarFunction and TableFunction.");
    }
    throw new ExtractionException(
        ErrorCode.NOT_SCALAR_FUNCTION,
        "Class '"
            + className
            + "' is not a Flink UDF; extend org.apache.flink.table.functions.ScalarFunction or"
            + " TableFunction.");
  }

  private static String flinkBaseClass(Class<?> type) {
    Class<?> c = type;
    while (c.getSuperclass() != null
        && !c.getSuperclass().getName().startsWith("org.apache.flink.table.functions.")) {
      c = c.getSuperclass();
    }
    return c.getSuperclass() != null ? c.getSuperclass().getSimpleName() : type.getSimpleName();
  }

  private static UserDefinedFunction instantiate(String className, Class<?> type)
      throws ExtractionException {
    int modifiers = type.getModifiers();
    String problem = null;
    if (Modifier.isAbstract(modifiers)) {
      problem = "is abstract; name a concrete subclass instead.";
    } else if (!Modifier.isPublic(modifiers)) {
      problem = "is not public; declare it public.";
    } else if (type.getEnclosingClass() != null && !Modifier.isStatic(modifiers)) {
      problem = "is an inner class; declare it static.";
    }
    if (problem != null) {
      throw new ExtractionException(
          ErrorCode.NO_PUBLIC_NO_ARG_CONSTRUCTOR,
          "Class '" + className + "' cannot be instantiated by the platform: it " + problem);
    }
    Constructor<?> constructor;
    try {
      constructor = type.getConstructor();
    } catch (NoSuchMethodException e) {
      throw new ExtractionException(
          ErrorCode.NO_PUBLIC_NO_ARG_CONSTRUCTOR,
          "Class '"
              + className
              + "' has no public no-argument constructor; add one, since the platform creates the"
              + " function through it.");
    }
    try {
      return (UserDefinedFunction) constructor.newInstance();
    } catch (InvocationTargetException e) {
      throw new ExtractionException(
          ErrorCode.GENERAL_FAILED_EXTRACTION,
          "The constructor of '"
              + className
              + "' threw "
              + Failures.describe(e.getCause())
              + "; make it succeed without external resources, or move that work to open().");
    } catch (ReflectiveOperationException e) {
      throw new ExtractionException(
          ErrorCode.NO_PUBLIC_NO_ARG_CONSTRUCTOR,
          "Class '" + className + "' cannot be instantiated: " + Failures.describe(e) + ".");
    }
  }

  /** Shapes Flink accepts but the platform cannot call through fixed signatures. */
  private static void rejectUnsupportedShapes(String className, Class<?> type)
      throws ExtractionException {
    for (Class<?> c = type;
        c != ScalarFunction.class && c != TableFunction.class && c != null;
        c = c.getSuperclass()) {
      for (Method method : c.getDeclaredMethods()) {
        if (method.getName().equals("getTypeInference") && method.getParameterCount() == 1) {
          throw new ExtractionException(
              ErrorCode.TYPE_EXTRACTION_ERROR,
              "Class '"
                  + className
                  + "' overrides getTypeInference(), which remote UDFs do not support; remove the"
                  + " override and describe the types with @FunctionHint / @DataTypeHint.");
        }
      }
    }
    for (Method method : type.getMethods()) {
      if (method.getName().equals("eval") && method.isVarArgs()) {
        throw new ExtractionException(
            ErrorCode.TYPE_EXTRACTION_ERROR,
            "Method "
                + method.toGenericString()
                + " takes variable arguments, which remote UDFs do not support; declare one eval"
                + " method per argument count.");
      }
    }
  }

  private static void checkWireTypes(String className, UdfSignature signature)
      throws ExtractionException {
    for (int i = 0; i < signature.argumentTypes().size(); i++) {
      DataType argument = signature.argumentTypes().get(i);
      String name =
          signature.argumentNames().isEmpty()
              ? "argument " + (i + 1)
              : "argument '" + signature.argumentNames().get(i) + "'";
      checkWireType(className, name, argument.getLogicalType());
    }
    checkWireType(className, "the result", signature.returnType().getLogicalType());
  }

  private static void checkWireType(String className, String what, LogicalType type)
      throws ExtractionException {
    Optional<LogicalType> unsupported = WireTypes.firstUnsupported(type);
    if (unsupported.isPresent()
        && unsupported.get().getTypeRoot()
            == org.apache.flink.table.types.logical.LogicalTypeRoot.RAW) {
      throw ConcreteTypes.raw(className, what + " is " + unsupported.get().asSummaryString());
    }
    // Flink 2.1's VARIANT (a root the oldest supported Flink lacks, so known by name).
    if (unsupported.isPresent() && unsupported.get().getTypeRoot().name().equals("VARIANT")) {
      throw wireTypeError(
          className,
          what,
          type,
          "VARIANT cannot cross the remote UDF wire format, since the platform's UDF"
              + " spec has no type for it; take and return semi-structured values as a STRING"
              + " holding JSON instead, parsed and written in eval.");
    }
    if (unsupported.isPresent()) {
      throw wireTypeError(
          className,
          what,
          type,
          unsupported.get().asSummaryString()
              + " cannot cross the remote UDF wire format; use "
              + WireTypes.SUPPORTED
              + ".");
    }
  }

  /** "In '<class>', <what> has type <type>, and <why>": a type the wire format cannot carry. */
  private static ExtractionException wireTypeError(
      String className, String what, LogicalType type, String why) {
    return new ExtractionException(
        ErrorCode.TYPE_EXTRACTION_ERROR,
        "In '" + className + "', " + what + " has type " + type.asSummaryString() + ", and " + why);
  }

  private static void checkSerializable(String className, UserDefinedFunction function)
      throws ExtractionException {
    try (ObjectOutputStream out = new ObjectOutputStream(OutputStream.nullOutputStream())) {
      out.writeObject(function);
    } catch (NotSerializableException e) {
      throw new ExtractionException(
          ErrorCode.CLASS_NOT_SERIALIZABLE,
          "Class '"
              + className
              + "' cannot be serialized because it holds a "
              + e.getMessage()
              + ", which is not Serializable; mark that field transient and create it in open().");
    } catch (IOException | RuntimeException e) {
      throw new ExtractionException(
          ErrorCode.CLASS_NOT_SERIALIZABLE,
          "Class '"
              + className
              + "' cannot be serialized: "
              + Failures.describe(e)
              + "; mark fields that cannot be serialized transient.");
    }
  }
}
