package dev.udfshim.runtime.execution;

import dev.udfshim.protocol.config.ConfigKeys;
import dev.udfshim.protocol.spec.UdfSpec;
import dev.udfshim.runtime.extraction.ExtractedUdf;
import dev.udfshim.runtime.extraction.ExtractionException;
import dev.udfshim.runtime.extraction.UdfExtractor;
import dev.udfshim.runtime.extraction.UdfSignature;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Collectors;
import org.apache.flink.table.types.DataType;

/**
 * The spec matched to one eval method: which overload, and the exact Flink data types (with the
 * Java classes the method declares) of its arguments and result. Built once at open.
 *
 * @param udf the class as Flink sees it
 * @param spec what the platform asked for
 * @param signature the signature whose types equal the spec's (nullability aside)
 * @param method the eval method of that signature
 */
public record Binding(ExtractedUdf udf, UdfSpec spec, UdfSignature signature, Method method) {

  public boolean isTable() {
    return udf.isTable();
  }

  /** Finds the eval the spec asks for, or fails naming what was asked and what exists. */
  public static Binding of(UdfSpec spec, ClassLoader loader) throws BindingException {
    ExtractedUdf udf;
    try {
      udf = new UdfExtractor(loader).inspect(spec.className());
    } catch (ExtractionException e) {
      throw new BindingException(
          "The UDF named by "
              + ConfigKeys.SPEC_VAR
              + " cannot run ("
              + e.code()
              + "): "
              + e.getMessage());
    }
    for (UdfSignature signature : udf.signatures()) {
      if (matches(signature, spec)) {
        return new Binding(udf, spec, signature, evalMethod(udf, signature));
      }
    }
    throw new BindingException(
        ConfigKeys.SPEC_VAR
            + " asks '"
            + spec.className()
            + "' for "
            + spec.describeSignature()
            + ", but its signatures are "
            + udf.signatures().stream()
                .map(UdfSignature::toString)
                .collect(Collectors.joining("; "))
            + "; regenerate the spec with `gen-spec` for one of these.");
  }

  private static boolean matches(UdfSignature signature, UdfSpec spec) {
    List<DataType> arguments = signature.argumentTypes();
    if (arguments.size() != spec.argumentTypes().size()
        || !UdfSignature.sameIgnoringNullability(
            signature.returnType().getLogicalType(), spec.resultType())) {
      return false;
    }
    for (int i = 0; i < arguments.size(); i++) {
      if (!UdfSignature.sameIgnoringNullability(
          arguments.get(i).getLogicalType(), spec.argumentTypes().get(i))) {
        return false;
      }
    }
    return true;
  }

  private static Method evalMethod(ExtractedUdf udf, UdfSignature signature)
      throws BindingException {
    List<Class<?>> classes = new ArrayList<>();
    for (DataType type : signature.argumentTypes()) {
      classes.add(type.getConversionClass());
    }
    Method relaxed = null;
    for (Method method : udf.type().getMethods()) {
      if (!method.getName().equals("eval")
          || Modifier.isStatic(method.getModifiers())
          || method.getParameterCount() != classes.size()) {
        continue;
      }
      Class<?>[] parameters = method.getParameterTypes();
      boolean exact = true;
      boolean invokable = true;
      for (int i = 0; i < parameters.length; i++) {
        exact &= parameters[i] == classes.get(i);
        invokable &= accepts(parameters[i], classes.get(i));
      }
      if (exact) {
        return method;
      }
      if (invokable && relaxed == null) {
        relaxed = method;
      }
    }
    if (relaxed != null) {
      return relaxed;
    }
    throw new BindingException(
        "No public eval method of '"
            + udf.type().getName()
            + "' takes "
            + classes
            + " for the signature "
            + signature
            + "; declare eval with those parameter classes.");
  }

  private static boolean accepts(Class<?> parameter, Class<?> value) {
    return parameter.isAssignableFrom(value) || box(parameter) == box(value);
  }

  static Class<?> box(Class<?> type) {
    if (!type.isPrimitive()) {
      return type;
    }
    return java.lang.invoke.MethodType.methodType(type).wrap().returnType();
  }
}
