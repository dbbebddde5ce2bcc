package dev.udfshim.runtime.handler;

import java.util.Optional;
import java.util.Set;

/** What a handler can ask of its host: the platform's config vars, and where to report health. */
public interface Context {

  /** The value of config var {@code key}, or empty when it is not set. */
  Optional<String> getConfigValue(String key);

  /** The names of the config vars that are set, for handlers that pass them all on. */
  default Set<String> configKeys() {
    return Set.of();
  }

  /**
   * Whether the handler can serve calls now, and if not, why (one sentence for the log). The
   * server's health service answers from it; hosts without one ignore it.
   */
  default void reportHealth(boolean serving, String reason) {}
}
