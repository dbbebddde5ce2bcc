package dev.udfshim.tooling;

import java.nio.file.Path;
import java.util.Map;

/**
 * A config override dir for a server of the project on this machine.
 *
 * @param shimDirectory a shim directory whose signatures file an {@link ShimTooling#extract} wrote
 *     (the layout's local directory)
 * @param className the UDF the execution handler runs, or null for the extraction handler
 * @param signature the signature's index, or null for the one that fits {@code args} (or the only
 *     one)
 * @param args argument values as {@link InvokeRequest#args()} takes them, or null
 * @param jobParameters config vars beside the spec, as the platform hands job parameters over
 */
public record LocalConfigRequest(
    Path shimDirectory,
    String className,
    Integer signature,
    String args,
    Map<String, String> jobParameters) {
  public LocalConfigRequest {
    jobParameters = Map.copyOf(jobParameters);
  }
}
