package dev.udfshim.protocol.spec;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.types.logical.LogicalType;

/**
 * Which UDF the execution handler runs, with which argument and result types.
 *
 * @param pluginId the platform's plugin id (may be empty)
 * @param className fully qualified class name of the UDF
 * @param argumentNames one per argument; null where the spec has none
 * @param argumentTypes the argument types, in call order
 * @param resultType the result type (for a table function, the type of one row)
 * @param configuration adapter settings carried by the older binary form; empty otherwise
 */
public record UdfSpec(
    String pluginId,
    String className,
    List<String> argumentNames,
    List<LogicalType> argumentTypes,
    LogicalType resultType,
    Map<String, String> configuration) {

  public UdfSpec {
    argumentNames = java.util.Collections.unmodifiableList(new ArrayList<>(argumentNames));
    argumentTypes = List.copyOf(argumentTypes);
    configuration = Map.copyOf(configuration);
  }

  /**
   * The spec that runs one signature of a UDF; with no argument names (a class file without them),
   * arguments are named a0, a1, ...
   */
  public static UdfSpec of(
      String pluginId,
      String className,
      List<String> argumentNames,
      List<LogicalType> argumentTypes,
      LogicalType resultType) {
    List<String> names = new ArrayList<>();
    for (int i = 0; i < argumentTypes.size(); i++) {
      names.add(argumentNames.isEmpty() ? defaultName(i) : argumentNames.get(i));
    }
    return new UdfSpec(pluginId, className, names, argumentTypes, resultType, Map.of());
  }

  /** The name of argument {@code i} when the class file has none: a0, a1, ... */
  public static String defaultName(int i) {
    return "a" + i;
  }

  /** "(i BIGINT, j BIGINT) -> BIGINT". */
  public String describeSignature() {
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < argumentTypes.size(); i++) {
      if (i > 0) {
        text.append(", ");
      }
      if (argumentNames.get(i) != null) {
        text.append(argumentNames.get(i)).append(' ');
      }
      text.append(argumentTypes.get(i).asSerializableString());
    }
    return text.append(") -> ").append(resultType.asSerializableString()).toString();
  }
}
