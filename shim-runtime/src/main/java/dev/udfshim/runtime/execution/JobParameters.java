package dev.udfshim.runtime.execution;

import dev.udfshim.protocol.config.ConfigKeys;
import dev.udfshim.runtime.handler.Context;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What {@code FunctionContext#getJobParameter} answers: every config var but the spec, as the
 * platform hands connection settings to UDFs. A value loses one trailing line break, since files
 * written by {@code echo} end with one.
 */
final class JobParameters {
  private JobParameters() {}

  static Map<String, String> from(Context context) {
    Map<String, String> parameters = new TreeMap<>();
    for (String key : context.configKeys()) {
      if (!key.equals(ConfigKeys.SPEC_VAR)) {
        context.getConfigValue(key).ifPresent(value -> parameters.put(key, chomp(value)));
      }
    }
    return Collections.unmodifiableMap(parameters);
  }

  static String chomp(String value) {
    if (value.endsWith("\r\n")) {
      return value.substring(0, value.length() - 2);
    }
    return value.endsWith("\n") ? value.substring(0, value.length() - 1) : value;
  }
}
