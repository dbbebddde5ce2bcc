package dev.udfshim.runtime.client;

import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonParseException;
import com.google.gson.JsonParser;
import com.google.gson.JsonPrimitive;
import java.lang.reflect.Array;
import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.time.format.DateTimeParseException;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.flink.table.types.DataType;
import org.apache.flink.table.types.logical.DecimalType;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.RowType;
import org.apache.flink.types.Row;

/**
 * Values as people type and read them: numbers, strings, ISO-8601 dates and times, base64 for
 * binary, JSON for ARRAY, MAP, MULTISET and ROW, and {@code null}. Java values are those of the
 * type's default conversion class ({@code Long}, {@code String}, {@code Integer[]}, {@code Row}).
 */
public final class ValueText {
  private ValueText() {}

  /**
   * Parses one command-line value of the given type; {@code null} is SQL NULL, and a value in
   * double quotes is a JSON string: {@code "null"} is the string null, {@code "a,b"} holds a comma.
   */
  public static Object parse(String text, DataType type) {
    if (text.equals("null")) {
      return null;
    }
    text = unquote(text);
    LogicalType logical = type.getLogicalType();
    return switch (logical.getTypeRoot()) {
      case ARRAY, MAP, MULTISET, ROW -> fromJson(json(text, logical), type);
      default -> scalar(text, type);
    };
  }

  /** {@code "a,b"} becomes a,b (JSON escapes read); anything else stays as typed. */
  static String unquote(String value) {
    if (value.length() >= 2 && value.startsWith("\"") && value.endsWith("\"")) {
      try {
        return JsonParser.parseString(value).getAsString();
      } catch (JsonParseException | IllegalStateException | UnsupportedOperationException e) {
        throw new IllegalArgumentException(
            "The quoted value " + value + " is not a JSON string; escape quotes as \\\".");
      }
    }
    return value;
  }

  private static JsonElement json(String text, LogicalType type) {
    try {
      return JsonParser.parseString(text);
    } catch (JsonParseException e) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not JSON, which a "
              + type.asSummaryString()
              + " value is written in.");
    }
  }

  private static Object scalar(String text, DataType type) {
    LogicalType logical = type.getLogicalType();
    String expected = logical.asSummaryString();
    try {
      return switch (logical.getTypeRoot()) {
        case BOOLEAN -> {
          String lower = text.toLowerCase(Locale.ROOT);
          if (!lower.equals("true") && !lower.equals("false")) {
            throw new IllegalArgumentException();
          }
          yield Boolean.parseBoolean(lower);
        }
        case TINYINT -> Byte.parseByte(text);
        case SMALLINT -> Short.parseShort(text);
        case INTEGER -> Integer.parseInt(text);
        case BIGINT -> Long.parseLong(text);
        case FLOAT -> Float.parseFloat(text);
        case DOUBLE -> Double.parseDouble(text);
        case DECIMAL -> decimal(text, (DecimalType) logical);
        case CHAR, VARCHAR -> text;
        case BINARY, VARBINARY -> Base64.getDecoder().decode(text);
        case DATE -> LocalDate.parse(text);
        case TIME_WITHOUT_TIME_ZONE -> LocalTime.parse(text);
        case TIMESTAMP_WITHOUT_TIME_ZONE -> LocalDateTime.parse(text.replace(' ', 'T'));
        case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> Instant.parse(text.replace(' ', 'T'));
        default -> throw new IllegalArgumentException();
      };
    } catch (IllegalArgumentException | DateTimeParseException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a " + expected + " value" + hint(logical) + ".");
    }
  }

  private static String hint(LogicalType type) {
    return switch (type.getTypeRoot()) {
      case BINARY, VARBINARY -> " (write bytes as base64)";
      case DATE -> " (write dates as 2024-12-31)";
      case TIME_WITHOUT_TIME_ZONE -> " (write times as 23:59:59.123)";
      case TIMESTAMP_WITHOUT_TIME_ZONE -> " (write timestamps as 2024-12-31T23:59:59.123)";
      case TIMESTAMP_WITH_LOCAL_TIME_ZONE -> " (write instants as 2024-12-31T23:59:59.123Z)";
      case BOOLEAN -> " (write true or false)";
      default -> "";
    };
  }

  private static BigDecimal decimal(String text, DecimalType type) {
    BigDecimal value = new BigDecimal(text);
    if (value.precision() - value.scale() > type.getPrecision() - type.getScale()) {
      throw new IllegalArgumentException("too many digits");
    }
    return value;
  }

  private static Object fromJson(JsonElement json, DataType type) {
    if (json == null || json.isJsonNull()) {
      return null;
    }
    LogicalType logical = type.getLogicalType();
    List<DataType> children = type.getChildren();
    switch (logical.getTypeRoot()) {
      case ARRAY -> {
        JsonArray items = expect(json.isJsonArray(), json, logical).getAsJsonArray();
        DataType element = children.get(0);
        Object array = Array.newInstance(element.getConversionClass(), items.size());
        for (int i = 0; i < items.size(); i++) {
          Array.set(array, i, fromJson(items.get(i), element));
        }
        return array;
      }
      case MAP -> {
        JsonObject object = expect(json.isJsonObject(), json, logical).getAsJsonObject();
        Map<Object, Object> map = new LinkedHashMap<>();
        for (Map.Entry<String, JsonElement> entry : object.entrySet()) {
          map.put(
              parse(entry.getKey(), children.get(0)), fromJson(entry.getValue(), children.get(1)));
        }
        return map;
      }
      case MULTISET -> {
        Map<Object, Object> counts = new LinkedHashMap<>();
        if (json.isJsonArray()) {
          for (JsonElement item : json.getAsJsonArray()) {
            counts.merge(fromJson(item, children.get(0)), 1, (a, b) -> (Integer) a + (Integer) b);
          }
        } else {
          for (Map.Entry<String, JsonElement> entry :
              expect(json.isJsonObject(), json, logical).getAsJsonObject().entrySet()) {
            counts.put(parse(entry.getKey(), children.get(0)), entry.getValue().getAsInt());
          }
        }
        return counts;
      }
      case ROW -> {
        List<String> names = ((RowType) logical).getFieldNames();
        Object[] fields = new Object[names.size()];
        if (json.isJsonObject()) {
          JsonObject object = json.getAsJsonObject();
          for (int i = 0; i < fields.length; i++) {
            fields[i] = fromJson(object.get(names.get(i)), children.get(i));
          }
        } else {
          JsonArray items = expect(json.isJsonArray(), json, logical).getAsJsonArray();
          if (items.size() != fields.length) {
            throw new IllegalArgumentException(
                json
                    + " has "
                    + items.size()
                    + " fields, but "
                    + logical.asSummaryString()
                    + " has "
                    + fields.length
                    + ".");
          }
          for (int i = 0; i < fields.length; i++) {
            fields[i] = fromJson(items.get(i), children.get(i));
          }
        }
        return Row.of(fields);
      }
      default -> {
        JsonPrimitive primitive =
            expect(json.isJsonPrimitive(), json, logical).getAsJsonPrimitive();
        return scalar(primitive.getAsString(), type);
      }
    }
  }

  private static JsonElement expect(boolean ok, JsonElement json, LogicalType type) {
    if (!ok) {
      throw new IllegalArgumentException(
          json + " is not a " + type.asSummaryString() + " value" + jsonHint(type) + ".");
    }
    return json;
  }

  private static String jsonHint(LogicalType type) {
    return switch (type.getTypeRoot()) {
      case ARRAY -> " (write arrays as [1, 2])";
      case MAP -> " (write maps as {\"key\": 1})";
      case MULTISET -> " (write multisets as [\"a\", \"a\"] or {\"a\": 2})";
      case ROW -> " (write rows as [1, \"x\"] or {\"field\": 1})";
      default -> "";
    };
  }

  /** A value as one line: scalars as text, composites as JSON, null as {@code null}. */
  public static String render(Object value) {
    if (value == null) {
      return "null";
    }
    JsonElement json = toJson(value);
    return json.isJsonPrimitive() ? json.getAsString() : json.toString();
  }

  private static JsonElement toJson(Object value) {
    if (value == null) {
      return JsonNull.INSTANCE;
    }
    if (value instanceof byte[] bytes) {
      return new JsonPrimitive(Base64.getEncoder().encodeToString(bytes));
    }
    if (value instanceof Boolean b) {
      return new JsonPrimitive(b);
    }
    if (value instanceof Number n) {
      return new JsonPrimitive(n instanceof BigDecimal d ? d : n);
    }
    if (value.getClass().isArray()) {
      JsonArray array = new JsonArray();
      for (int i = 0; i < Array.getLength(value); i++) {
        array.add(toJson(Array.get(value, i)));
      }
      return array;
    }
    if (value instanceof Map<?, ?> map) {
      JsonObject object = new JsonObject();
      map.forEach((k, v) -> object.add(render(k), toJson(v)));
      return object;
    }
    if (value instanceof Row row) {
      JsonArray fields = new JsonArray();
      for (int i = 0; i < row.getArity(); i++) {
        fields.add(toJson(row.getField(i)));
      }
      return fields;
    }
    return new JsonPrimitive(value.toString());
  }
}
