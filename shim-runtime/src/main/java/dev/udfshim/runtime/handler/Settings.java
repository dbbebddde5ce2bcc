package dev.udfshim.runtime.handler;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.apache.flink.util.TimeUtils;

/**
 * Numbers, durations and switches from config vars, each in a documented range. A value out of
 * range or one that overflows is refused with a sentence naming the var, never clamped or wrapped.
 */
public final class Settings {
  private final Context context;
  private final Map<String, String> fallback;

  /**
   * @param fallback values used where the config var is not set (the older spec's own settings)
   */
  public Settings(Context context, Map<String, String> fallback) {
    this.context = context;
    this.fallback = fallback;
  }

  public Settings(Context context) {
    this(context, Map.of());
  }

  private Optional<String> raw(String key) {
    Optional<String> value = context.getConfigValue(key).map(String::strip);
    return value.isPresent() ? value : Optional.ofNullable(fallback.get(key)).map(String::strip);
  }

  /** A whole number from {@code min} to {@code max}; {@code fallback} when not set. */
  public long number(String key, long defaultValue, long min, long max) throws HandlerException {
    Optional<String> value = raw(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      long n = Long.parseLong(value.get().replace("_", ""));
      if (n >= min && n <= max) {
        return n;
      }
    } catch (NumberFormatException e) {
      // reported below, with the overflowing or malformed text
    }
    throw new HandlerException(
        "Config var "
            + key
            + " must be a whole number from "
            + min
            + " to "
            + max
            + ", not '"
            + value.get()
            + "'; correct or remove it.");
  }

  public int integer(String key, int defaultValue, int min, int max) throws HandlerException {
    return (int) number(key, defaultValue, min, max);
  }

  /**
   * A duration in Flink's syntax ({@code 500 ms}, {@code 30 s}, {@code 1 min}; a bare number is
   * milliseconds) from {@code min} to {@code max}.
   */
  public Duration duration(String key, Duration defaultValue, Duration min, Duration max)
      throws HandlerException {
    Optional<String> value = raw(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    try {
      Duration d = TimeUtils.parseDuration(value.get());
      if (d.compareTo(min) >= 0 && d.compareTo(max) <= 0) {
        return d;
      }
    } catch (RuntimeException e) {
      // malformed or overflowing: reported below
    }
    throw new HandlerException(
        "Config var "
            + key
            + " must be a duration from "
            + TimeUtils.formatWithHighestUnit(min)
            + " to "
            + TimeUtils.formatWithHighestUnit(max)
            + " such as '500 ms' or '30 s', not '"
            + value.get()
            + "'; correct or remove it.");
  }

  /** {@code true} or {@code false}. */
  public boolean flag(String key, boolean defaultValue) throws HandlerException {
    Optional<String> value = raw(key);
    if (value.isEmpty()) {
      return defaultValue;
    }
    if (value.get().equalsIgnoreCase("true")) {
      return true;
    }
    if (value.get().equalsIgnoreCase("false")) {
      return false;
    }
    throw new HandlerException(
        "Config var " + key + " must be true or false, not '" + value.get() + "'.");
  }
}
