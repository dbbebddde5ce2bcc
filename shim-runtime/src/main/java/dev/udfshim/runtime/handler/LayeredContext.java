package dev.udfshim.runtime.handler;

import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

/** Config vars of two sources: a var set in the first wins over the same var in the second. */
public final class LayeredContext implements Context {
  private final Context first;
  private final Context second;

  public LayeredContext(Context first, Context second) {
    this.first = first;
    this.second = second;
  }

  @Override
  public Optional<String> getConfigValue(String key) {
    Optional<String> value = first.getConfigValue(key);
    return value.isPresent() ? value : second.getConfigValue(key);
  }

  @Override
  public Set<String> configKeys() {
    Set<String> keys = new TreeSet<>(second.configKeys());
    keys.addAll(first.configKeys());
    return keys;
  }
}
