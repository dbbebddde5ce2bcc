package dev.udfshim.tooling;

import java.util.List;

/**
 * How the launcher of the artifact would start the server: the JVM options it always passes (for
 * this JVM's version), and the arguments of the runtime jar's main class.
 */
public record ServeLaunch(List<String> jvmOptions, List<String> arguments) {
  public ServeLaunch {
    jvmOptions = List.copyOf(jvmOptions);
    arguments = List.copyOf(arguments);
  }
}
