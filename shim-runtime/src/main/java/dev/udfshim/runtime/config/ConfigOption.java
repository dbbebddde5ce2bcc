package dev.udfshim.runtime.config;

import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;
import org.apache.flink.util.TimeUtils;

/**
 * One config var of the runtime, declared once: key, type, default, range, the handlers that read
 * it, its meaning, and older keys still accepted. The shape is Flink's {@code ConfigOption} ({@code
 * key(..).intType().defaultValue(..).withDescription(..)}), but the type is our own: Flink's has no
 * range, and every number and duration here is refused outside its range. {@link Settings} reads
 * them all with one rule; docs/config-vars.md is generated from the declarations.
 *
 * @param <T> the value's Java type
 */
public final class ConfigOption<T extends Comparable<? super T>> {

  /** The value types config vars have. */
  enum Type {
    INTEGER,
    DURATION,
    BOOLEAN,
    ENUM,
    STRING
  }

  /** Which handlers read a var. */
  public enum Handlers {
    EXECUTION("execution"),
    EXTRACTION("extraction"),
    BOTH("both");

    private final String text;

    Handlers(String text) {
      this.text = text;
    }

    @Override
    public String toString() {
      return text;
    }
  }

  private final String key;
  private final Type type;
  private final Class<T> valueClass;
  private final T defaultValue;
  private final T min;
  private final T max;
  private final Handlers handlers;
  private final String description;
  private final List<String> deprecatedKeys;

  private ConfigOption(
      String key,
      Type type,
      Class<T> valueClass,
      T defaultValue,
      T min,
      T max,
      Handlers handlers,
      String description,
      List<String> deprecatedKeys) {
    this.key = key;
    this.type = type;
    this.valueClass = valueClass;
    this.defaultValue = defaultValue;
    this.min = min;
    this.max = max;
    this.handlers = handlers;
    this.description = description;
    this.deprecatedKeys = List.copyOf(deprecatedKeys);
  }

  /** Starts the declaration of the var {@code key}. */
  public static Builder key(String key) {
    return new Builder(key);
  }

  /** The first step of a declaration: the key; the type comes next. */
  public static final class Builder {
    private final String key;

    private Builder(String key) {
      this.key = key;
    }

    public TypedBuilder<Integer> intType() {
      return new TypedBuilder<>(key, Type.INTEGER, Integer.class);
    }

    public TypedBuilder<Duration> durationType() {
      return new TypedBuilder<>(key, Type.DURATION, Duration.class);
    }

    public TypedBuilder<Boolean> booleanType() {
      return new TypedBuilder<>(key, Type.BOOLEAN, Boolean.class);
    }

    /** Text as written (without surrounding whitespace); the default {@code ""} means not set. */
    public TypedBuilder<String> stringType() {
      return new TypedBuilder<>(key, Type.STRING, String.class);
    }

    public <E extends Enum<E>> TypedBuilder<E> enumType(Class<E> values) {
      return new TypedBuilder<>(key, Type.ENUM, values);
    }
  }

  /** The second step: the default, which makes the option. */
  public static final class TypedBuilder<T extends Comparable<? super T>> {
    private final String key;
    private final Type type;
    private final Class<T> valueClass;

    private TypedBuilder(String key, Type type, Class<T> valueClass) {
      this.key = key;
      this.type = type;
      this.valueClass = valueClass;
    }

    public ConfigOption<T> defaultValue(T value) {
      return new ConfigOption<>(
          key, type, valueClass, value, null, null, Handlers.BOTH, "", List.of());
    }
  }

  /** Values from {@code min} to {@code max}, both included; others are refused. */
  public ConfigOption<T> withRange(T min, T max) {
    return new ConfigOption<>(
        key, type, valueClass, defaultValue, min, max, handlers, description, deprecatedKeys);
  }

  public ConfigOption<T> forHandlers(Handlers handlers) {
    return new ConfigOption<>(
        key, type, valueClass, defaultValue, min, max, handlers, description, deprecatedKeys);
  }

  /** What the var does, in sentences, for the generated reference. */
  public ConfigOption<T> withDescription(String description) {
    return new ConfigOption<>(
        key, type, valueClass, defaultValue, min, max, handlers, description, deprecatedKeys);
  }

  /** Older names of the var, read (in this order) where the key itself is not set. */
  public ConfigOption<T> withDeprecatedKeys(String... keys) {
    return new ConfigOption<>(
        key, type, valueClass, defaultValue, min, max, handlers, description, List.of(keys));
  }

  public String key() {
    return key;
  }

  public T defaultValue() {
    return defaultValue;
  }

  /** The least value accepted, or null when the type has no range. */
  public T min() {
    return min;
  }

  /** The greatest value accepted, or null when the type has no range. */
  public T max() {
    return max;
  }

  public Handlers handlers() {
    return handlers;
  }

  public String description() {
    return description;
  }

  public List<String> deprecatedKeys() {
    return deprecatedKeys;
  }

  Type type() {
    return type;
  }

  /** The type as the reference names it. */
  public String typeName() {
    return switch (type) {
      case INTEGER -> "whole number";
      case DURATION -> "duration";
      case BOOLEAN -> "`true` or `false`";
      case ENUM -> choices(" or ", "`");
      case STRING -> "text";
    };
  }

  /** The range as the reference and the refusals write it, or empty when there is none. */
  public String rangeText() {
    return min == null ? "" : format(min) + " to " + format(max);
  }

  /** A value as a user writes it: {@code 1 min}, {@code 1024}, {@code true}, {@code json}. */
  public String format(T value) {
    if (value instanceof Duration duration) {
      return TimeUtils.formatWithHighestUnit(duration);
    }
    if (value instanceof Enum<?> constant) {
      return constant.name().toLowerCase(Locale.ROOT);
    }
    return String.valueOf(value);
  }

  /** The value of a var's text, or null when it is malformed; the range is checked apart. */
  T parse(String text) {
    switch (type) {
      case INTEGER -> {
        try {
          long n = Long.parseLong(text.replace("_", ""));
          return n < Integer.MIN_VALUE || n > Integer.MAX_VALUE
              ? null
              : valueClass.cast(Integer.valueOf((int) n));
        } catch (NumberFormatException e) {
          return null;
        }
      }
      case DURATION -> {
        try {
          return valueClass.cast(TimeUtils.parseDuration(text));
        } catch (RuntimeException e) {
          return null; // malformed or overflowing
        }
      }
      case BOOLEAN -> {
        if (text.equalsIgnoreCase("true") || text.equalsIgnoreCase("false")) {
          return valueClass.cast(Boolean.valueOf(text));
        }
        return null;
      }
      case STRING -> {
        return valueClass.cast(text);
      }
      case ENUM -> {
        for (T constant : valueClass.getEnumConstants()) {
          if (((Enum<?>) constant).name().equalsIgnoreCase(text)) {
            return constant;
          }
        }
        return null;
      }
    }
    throw new AssertionError(type);
  }

  boolean inRange(T value) {
    return min == null || (value.compareTo(min) >= 0 && value.compareTo(max) <= 0);
  }

  /** What a refusal says the value must be, after "must be". */
  String expectation() {
    return switch (type) {
      case INTEGER -> "a whole number from " + rangeText();
      case DURATION -> "a duration from " + rangeText() + " such as '500 ms' or '30 s'";
      case BOOLEAN -> "true or false";
      case ENUM -> choices(" or ", "");
      case STRING -> "text";
    };
  }

  private String choices(String separator, String quote) {
    return Arrays.stream(valueClass.getEnumConstants())
        .map(constant -> quote + format(constant) + quote)
        .collect(Collectors.joining(separator));
  }

  @Override
  public String toString() {
    return key;
  }
}
