package dev.udfshim.protocol.config;

import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Config var names (docs/protocol.md, Handler lifecycle): the value of var {@code K} is the content
 * of the file {@code K} in the config override dir, so a key is a file name, never a path.
 */
public final class ConfigKeys {
  /** The execution handler's spec: base64 of a {@code PythonRemoteUdfSpec}. */
  public static final String SPEC_VAR = "spec_base64";

  private static final Pattern KEY = Pattern.compile("[A-Za-z0-9_.\\-]+");

  private ConfigKeys() {}

  /** Whether {@code key} names a config var: a file name of the folder, nothing outside it. */
  public static boolean isKey(String key) {
    return key != null && KEY.matcher(key).matches() && !key.equals(".") && !key.equals("..");
  }

  /**
   * Why a job parameter cannot be written as config var {@code key}, or empty when it can: a config
   * var key, and not the spec.
   */
  public static Optional<String> jobParameterProblem(String key) {
    if (isKey(key) && !key.equals(SPEC_VAR)) {
      return Optional.empty();
    }
    return Optional.of(
        "Job parameter '"
            + key
            + "' cannot be a config var: use letters, digits, '.', '_' and '-', and not "
            + SPEC_VAR
            + ".");
  }
}
