package dev.udfshim.test;

import dev.udfshim.runtime.handler.Context;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/** Where a payload goes: the execution handler in this JVM, or a server over gRPC. */
interface Transport {

  /** The response payload; an error answer is thrown as {@link UdfCallException}. */
  byte[] invoke(byte[] payload);

  void close();

  /** The platform's config vars, as a handler reads them. */
  record ConfigVars(Map<String, String> vars) implements Context {
    @Override
    public Optional<String> getConfigValue(String key) {
      return Optional.ofNullable(vars.get(key));
    }

    @Override
    public Set<String> configKeys() {
      return vars.keySet();
    }
  }
}
