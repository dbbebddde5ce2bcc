package dev.udfshim.runtime.extraction;

import java.util.Comparator;
import java.util.List;
import org.apache.flink.table.types.DataType;

/**
 * One callable form of a UDF: argument names (empty when the class file has none), argument types
 * and the result type (for a table function, the type of one emitted row).
 */
public record UdfSignature(
    List<String> argumentNames, List<DataType> argumentTypes, DataType returnType) {

  /**
   * The documented signature order: fewer arguments first, then by the argument type strings, then
   * by the return type string. Independent of the JVM's method order, so answers are stable.
   */
  public static final Comparator<UdfSignature> ORDER =
      Comparator.<UdfSignature>comparingInt(s -> s.argumentTypes().size())
          .thenComparing(s -> typeStrings(s.argumentTypes()), UdfSignature::compareLists)
          .thenComparing(s -> typeString(s.returnType()));

  /** "(i BIGINT, j BIGINT) -> BIGINT", names where the class file has them. */
  @Override
  public String toString() {
    StringBuilder text = new StringBuilder("(");
    for (int i = 0; i < argumentTypes.size(); i++) {
      if (i > 0) {
        text.append(", ");
      }
      if (!argumentNames.isEmpty()) {
        text.append(argumentNames.get(i)).append(' ');
      }
      text.append(typeString(argumentTypes.get(i)));
    }
    return text.append(") -> ").append(returnTypeString()).toString();
  }

  public List<String> argumentTypeStrings() {
    return typeStrings(argumentTypes);
  }

  public String returnTypeString() {
    return typeString(returnType);
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
