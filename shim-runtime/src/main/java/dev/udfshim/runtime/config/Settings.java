package dev.udfshim.runtime.config;

import dev.udfshim.runtime.handler.Context;
import dev.udfshim.runtime.handler.HandlerException;
import java.util.Map;

/**
 * Reads config vars by their {@link ConfigOption}: the one rule for every var of the runtime. A
 * value is the var's text without surrounding whitespace, from the config vars, else under one of
 * its deprecated keys, else from the fallback (the older binary spec's own settings), else the
 * default. A value that is malformed, out of range or overflows is refused with one sentence naming
 * the var, never clamped, wrapped or replaced by the default.
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

  /** The var's value, or its default when it is not set. */
  public <T extends Comparable<? super T>> T get(ConfigOption<T> option) throws HandlerException {
    String key = option.key();
    String text = context.getConfigValue(key).orElse(null);
    for (int i = 0; text == null && i < option.deprecatedKeys().size(); i++) {
      key = option.deprecatedKeys().get(i);
      text = context.getConfigValue(key).orElse(null);
    }
    if (text == null) {
      key = option.key();
      text = fallback.get(key);
    }
    if (text == null) {
      return option.defaultValue();
    }
    text = text.strip();
    T value = option.parse(text);
    if (value != null && option.inRange(value)) {
      return value;
    }
    throw new HandlerException(
        "Config var "
            + key
            + " must be "
            + option.expectation()
            + ", not '"
            + text
            + "'; correct or remove it.");
  }
}
