package dev.udfshim.runtime.config;

import static dev.udfshim.runtime.config.ConfigOption.Handlers.BOTH;
import static dev.udfshim.runtime.config.ConfigOption.key;

import dev.udfshim.runtime.logging.LogSetup;

/** The log's config vars. */
public final class LogOptions {
  private LogOptions() {}

  public static final ConfigOption<LogSetup.Format> FORMAT =
      key("shim.log.format")
          .enumType(LogSetup.Format.class)
          .defaultValue(LogSetup.Format.TEXT)
          .forHandlers(BOTH)
          .withDescription(
              "Log lines as text, or one JSON object per line (`serve --log-format` wins).");
}
