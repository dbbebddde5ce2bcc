package dev.udfshim.runtime.handler;

import java.util.Optional;
import java.util.Set;

/** A context that answers config vars from another one; subclasses add what they report to. */
public abstract class ForwardingContext implements Context {
  private final Context config;

  protected ForwardingContext(Context config) {
    this.config = config;
  }

  @Override
  public Optional<String> getConfigValue(String key) {
    return config.getConfigValue(key);
  }

  @Override
  public Set<String> configKeys() {
    return config.configKeys();
  }
}
