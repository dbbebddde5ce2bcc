package dev.udfshim.runtime.config;

import static dev.udfshim.runtime.config.ConfigOption.Handlers.EXTRACTION;
import static dev.udfshim.runtime.config.ConfigOption.key;

/** The extraction handler's config vars: how long and how many extractions run at once. */
public final class ExtractionOptions {
  private ExtractionOptions() {}

  /**
   * Whole seconds, as since its first release: a duration option under this key would read a bare
   * {@code 60} as 60 ms (Flink's duration syntax), so users' values keep their meaning this way.
   */
  public static final ConfigOption<Integer> TIMEOUT_SECONDS =
      key("shim.extraction.timeout.seconds")
          .intType()
          .defaultValue(60)
          .withRange(1, 3600)
          .forHandlers(EXTRACTION)
          .withDescription(
              "Time limit of one extraction in seconds (user code that hangs in a static"
                  + " initializer or constructor). A bad value is refused like any other var's;"
                  + " earlier builds kept 60 with a warning.");

  public static final ConfigOption<Integer> MAX_CONCURRENT =
      key("shim.extraction.max.concurrent")
          .intType()
          .defaultValue(32)
          .withRange(1, 1024)
          .forHandlers(EXTRACTION)
          .withDescription(
              "Distinct classes extracted at once. Requests for a class already being extracted"
                  + " (names compared without surrounding whitespace) wait for that one; beyond,"
                  + " they are answered busy at once.");
}
