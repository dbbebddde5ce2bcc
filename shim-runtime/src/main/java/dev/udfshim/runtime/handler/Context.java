package dev.udfshim.runtime.handler;

import java.util.Optional;

/** What a handler can ask of its host: the platform's config vars. */
public interface Context {

  /** The value of config var {@code key}, or empty when it is not set. */
  Optional<String> getConfigValue(String key);
}
