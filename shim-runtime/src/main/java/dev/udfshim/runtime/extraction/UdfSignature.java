package dev.udfshim.runtime.extraction;

import dev.udfshim.protocol.spec.UdfSpec;
import java.util.Comparator;
import java.util.List;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.inference.TypeTransformations;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.utils.DataTypeUtils;
import org.apache.flink.table.types.utils.TypeConversions;

/**
 * One callable form of a UDF: argument names (empty when the class file has none), argument types,
 * the result type (for a table function, the type of one emitted row), and which arguments a call
 * may leave out (Flink's {@code isOptional}; empty when none may).
 */
public record UdfSignature(
    List<String> argumentNames,
    List<DataType> argumentTypes,
    DataType returnType,
    List<Boolean> argumentOptional) {

  public UdfSignature {
    argumentOptional =
        argumentOptional == null || !argumentOptional.contains(true)
            ? List.of()
            : List.copyOf(argumentOptional);
  }

  /** A signature whose arguments are all required. */
  public UdfSignature(
      List<String> argumentNames, List<DataType> argumentTypes, DataType returnType) {
    this(argumentNames, argumentTypes, returnType, List.of());
  }

  /** Whether a call may leave argument {@code i} out (it is then NULL, as Flink passes it). */
  public boolean isOptional(int i) {
    return !argumentOptional.isEmpty() && argumentOptional.get(i);
  }

  /**
   * Whether a call with this many values fits: every argument, or fewer when those left out at the
   * end are optional.
   */
  public boolean takes(int values) {
    if (values > argumentTypes.size()) {
      return false;
    }
    for (int i = values; i < argumentTypes.size(); i++) {
      if (!isOptional(i)) {
        return false;
      }
    }
    return true;
  }

  /**
   * The documented signature order: fewer arguments first, then by the argument type strings, then
   * by the return type string. Independent of the JVM's method order, so answers are stable.
   */
  public static final Comparator<UdfSignature> ORDER =
      Comparator.<UdfSignature>comparingInt(s -> s.argumentTypes().size())
          .thenComparing(s -> typeStrings(s.argumentTypes()), UdfSignature::compareLists)
          .thenComparing(s -> typeString(s.returnType()));

  /**
   * "(i BIGINT, j BIGINT) -> BIGINT", names where the class file has them, an optional argument in
   * brackets: "(i BIGINT, [j BIGINT]) -> BIGINT".
   */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < argumentTypes.size(); i++) {
      if (i > 0) {
        text.append(", ");
      }
      text.append(isOptional(i) ? "[" : "");
      if (!argumentNames.isEmpty()) {
        text.append(argumentNames.get(i)).append(' ');
      }
      text.append(typeString(argumentTypes.get(i)));
      text.append(isOptional(i) ? "]" : "");
    }
    return text.append(") -> ").append(returnTypeString()).toString();
  }

  /** The spec that runs this signature of UDF {@code className}. */
  public UdfSpec spec(String pluginId, String className) {
    return UdfSpec.of(
        pluginId,
        className,
        argumentNames,
        argumentTypes.stream().map(DataType::getLogicalType).toList(),
        returnType.getLogicalType());
  }

  public List<String> argumentTypeStrings() {
    return typeStrings(argumentTypes);
  }

  public String returnTypeString() {
    return typeString(returnType);
  }

  /**
   * Equal types, nullability aside at every level: the platform may declare nullable what a method
   * declares NOT NULL (a primitive), and the other way round.
   */
  public static boolean sameIgnoringNullability(LogicalType a, LogicalType b) {
    return nullable(a).equals(nullable(b));
  }

  private static LogicalType nullable(LogicalType type) {
    return DataTypeUtils.transform(
            TypeConversions.fromLogicalToDataType(type), TypeTransformations.toNullable())
        .getLogicalType();
  }

  /** Flink's serializable type string: keeps precision and nullability. */
  public static String typeString(DataType type) {
    return type.getLogicalType().asSerializableString();
  }

  private static List<String> typeStrings(List<DataType> types) {
    return types.stream().map(UdfSignature::typeString).toList();
  }

  private static int compareLists(List<String> a, List<String> b) {
    for (int i = 0; i < Math.min(a.size(), b.size()); i++) {
      int c = a.get(i).compareTo(b.get(i));
      if (c != 0) {
        return c;
      }
    }
    return Integer.compare(a.size(), b.size());
  }
}
