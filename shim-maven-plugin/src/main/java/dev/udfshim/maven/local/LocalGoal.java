package dev.udfshim.maven.local;

import java.nio.file.Path;
import java.util.Map;

/**
 * What run and invoke share: the UDF and signature asked for, the forked JVM, the job parameters.
 *
 * @param function the UDF's class name, or null for the project's only one
 * @param signature the signature's index, or null
 * @param jvmArguments options of the forked JVM, double quotes grouping words; or null
 * @param systemProperties system properties of the forked JVM
 * @param environment environment variables added for the forked JVM
 * @param workingDirectory the forked JVM's current folder
 * @param jobParameters job parameters from the pom
 * @param commandlineJobParameters {@code k=v,k2=v2} from the command line, or null; they win
 */
public record LocalGoal(
    String function,
    Integer signature,
    String jvmArguments,
    Map<String, String> systemProperties,
    Map<String, String> environment,
    Path workingDirectory,
    Map<String, String> jobParameters,
    String commandlineJobParameters) {
  public LocalGoal {
    systemProperties = systemProperties == null ? Map.of() : Map.copyOf(systemProperties);
    environment = environment == null ? Map.of() : Map.copyOf(environment);
    jobParameters = jobParameters == null ? Map.of() : Map.copyOf(jobParameters);
  }
}
