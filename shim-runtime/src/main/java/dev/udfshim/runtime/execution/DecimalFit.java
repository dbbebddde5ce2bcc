package dev.udfshim.runtime.execution;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.LogicalTypeRoot;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.Row;

/**
 * A result's BigDecimal with more digits than its DECIMAL(p, s) holds (after rounding to s, as
 * Flink rounds). Flink's converter turns such a value into NULL, and what a query then gives
 * depends on where it sits (measured with the class in-process on a MiniCluster, Flink 2.0.1):
 *
 * <ul>
 *   <li>a nullable result, or a nullable field of a ROW result: NULL, the same through the shim;
 *   <li>a NOT NULL result: the query fails where the NULL meets the constraint;
 *   <li>a NOT NULL field of a ROW: the row reads 0.00 as a whole and NULL as {@code row.field}, so
 *       no answer is exact;
 *   <li>an element of an ARRAY, MAP or MULTISET: the query fails with a NullPointerException.
 * </ul>
 *
 * Where Flink gives NULL the shim does too; everywhere else the call is refused with one sentence,
 * never a silent 0.00.
 */
final class DecimalFit {
  private enum Place {
    RESULT,
    ROW_FIELD,
    COLLECTION
  }

  private DecimalFit() {}

  /** Whether values of the type need the check: it holds a DECIMAL. */
  static boolean concerns(LogicalType type) {
    if (type.getTypeRoot() == LogicalTypeRoot.DECIMAL) {
      return true;
    }
    for (LogicalType child : type.getChildren()) {
      if (concerns(child)) {
        return true;
      }
    }
    return false;
  }

  /** Why Flink cannot give an exact answer for the value, or null when it can. */
  static String problem(Object value, LogicalType type) {
    return check(value, type, Place.RESULT, "");
  }

  private static String check(Object value, LogicalType type, Place place, String where) {
    if (value == null) {
      return null;
    }
    switch (type.getTypeRoot()) {
      case DECIMAL -> {
        if (!(value instanceof BigDecimal decimal) || fits(decimal, (DecimalType) type)) {
          return null;
        }
        String what =
            decimal.toPlainString()
                + " does not fit "
                + (where.isEmpty() ? "the result " : where + " ")
                + type.asSummaryString()
                + ", which holds "
                + ((DecimalType) type).getPrecision()
                + " digits: Flink turns it into NULL, ";
        if (place == Place.COLLECTION) {
          return what + "and fails the query there (a NullPointerException)";
        }
        if (!type.isNullable()) {
          return what
              + (place == Place.RESULT
                  ? "which the NOT NULL result cannot hold, and fails the query"
                  : "which the NOT NULL field cannot hold (the row reads 0.00, the field NULL)");
        }
        return null; // NULL, exactly as Flink
      }
      case ROW -> {
        if (!(value instanceof Row row)) {
          return null;
        }
        RowType rowType = (RowType) type;
        for (int i = 0; i < Math.min(row.getArity(), rowType.getFieldCount()); i++) {
          String problem =
              check(
                  row.getField(i),
                  rowType.getTypeAt(i),
                  place == Place.COLLECTION ? Place.COLLECTION : Place.ROW_FIELD,
                  "field "
                      + rowType.getFieldNames().get(i)
                      + (where.isEmpty() ? "" : " of " + where));
          if (problem != null) {
            return problem;
          }
        }
        return null;
      }
      case ARRAY -> {
        return elements(elementsOf(value), type.getChildren().get(0), where, "an element");
      }
      case MAP, MULTISET -> {
        if (!(value instanceof Map<?, ?> map)) {
          return null;
        }
        String problem = elements(map.keySet(), type.getChildren().get(0), where, "a key");
        if (problem == null && type.getTypeRoot() == LogicalTypeRoot.MAP) {
          problem = elements(map.values(), type.getChildren().get(1), where, "a value");
        }
        return problem;
      }
      default -> {
        return null;
      }
    }
  }

  private static String elements(
      Collection<?> values, LogicalType type, String where, String which) {
    for (Object element : values) {
      String problem =
          check(element, type, Place.COLLECTION, which + (where.isEmpty() ? "" : " of " + where));
      if (problem != null) {
        return problem;
      }
    }
    return null;
  }

  private static Collection<?> elementsOf(Object array) {
    if (array instanceof Object[] objects) {
      return java.util.Arrays.asList(objects);
    }
    if (array instanceof Collection<?> collection) {
      return collection;
    }
    return List.of(); // primitive arrays hold no DECIMAL
  }

  /** As Flink's DecimalData.fromBigDecimal decides: round to the scale, then count the digits. */
  static boolean fits(BigDecimal value, DecimalType type) {
    int integerDigits = value.precision() - value.scale();
    if (integerDigits < type.getPrecision() - type.getScale()) {
      return true; // rounding adds at most one integer digit
    }
    return value.setScale(type.getScale(), RoundingMode.HALF_UP).precision() <= type.getPrecision();
  }
}
