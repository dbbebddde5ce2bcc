package dev.udfshim.runtime.extraction;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.List;

/**
 * Flink 1.x's legacy type hooks: {@code getResultType} and {@code getParameterTypes} overrides,
 * which returned {@code TypeInformation} for the old planner. Flink's type inference ignores them
 * (on 1.20 as on 2.x), and so does the shim: the types come from the eval methods and their hints.
 * A UDF that overrides them gets a warning saying so, and which types are used instead.
 */
public final class LegacyOverrides {
  private static final String FLINK = "org.apache.flink.";

  private LegacyOverrides() {}

  /**
   * One warning per legacy hook the class (or a superclass of its own) overrides.
   *
   * @param signatures the signatures extraction found, e.g. {@code (TIMESTAMP(9)) -> TIMESTAMP(9)}
   */
  public static List<String> warnings(Class<?> type, List<String> signatures) {
    List<String> warnings = new ArrayList<>();
    for (Class<?> c = type; c != null && !c.getName().startsWith(FLINK); c = c.getSuperclass()) {
      for (Method method : c.getDeclaredMethods()) {
        String hook = hook(method);
        if (hook != null && !warnings.contains(hook)) {
          warnings.add(hook);
        }
      }
    }
    return warnings.stream()
        .map(
            hook ->
                type.getName()
                    + " overrides "
                    + hook
                    + ", Flink 1.x's legacy type hook, which Flink's type inference ignores and so"
                    + " does the shim: the types come from the eval methods, "
                    + String.join("; ", signatures)
                    + "; if other types are meant, declare them with @DataTypeHint or @FunctionHint"
                    + " and remove the override.")
        .toList();
  }

  /** {@code getResultType(Class[])}, when the method is one of the hooks. */
  private static String hook(Method method) {
    Class<?>[] parameters = method.getParameterTypes();
    boolean classes = parameters.length == 1 && parameters[0] == Class[].class;
    boolean none = parameters.length == 0;
    String returned = method.getReturnType().getName();
    if (!returned.startsWith(FLINK) || method.isSynthetic()) {
      return null;
    }
    if (method.getName().equals("getResultType") && (classes || none)) {
      return "getResultType(" + (classes ? "Class[]" : "") + ")";
    }
    if (method.getName().equals("getParameterTypes") && classes) {
      return "getParameterTypes(Class[])";
    }
    return null;
  }
}
