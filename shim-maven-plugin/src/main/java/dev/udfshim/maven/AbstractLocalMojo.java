package dev.udfshim.maven;

import dev.udfshim.maven.local.LocalGoal;
import java.io.File;
import java.util.Map;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * The parameters of the goals that run the project's UDFs on this machine: the UDF and signature,
 * the forked JVM, the job parameters.
 */
abstract class AbstractLocalMojo extends AbstractShimMojo {
  /**
   * The UDF: its class name, or its simple name when one UDF of the project has it. Default for
   * invoke: the UDF of the running shim:run, else the project's only UDF, if it has one; for run
   * (execution): every signature of every UDF, each on its own port from {@code port} upward, with
   * the LOAD MODULE statement for Flink SQL printed once all are open.
   */
  @Parameter(property = "function")
  protected String function;

  /** Index of the signature, as signatures.json and the extract table list them. */
  @Parameter(property = "signature")
  protected Integer signature;

  /**
   * Options of the forked JVM that runs the UDFs, before its main class, e.g. {@code -Xmx1g
   * -agentlib:jdwp=transport=dt_socket,server=y,suspend=n,address=5005}. Double quotes group words.
   */
  @Parameter(property = "shim.jvmArguments")
  protected String jvmArguments;

  /** System properties of the forked JVM. */
  @Parameter protected Map<String, String> systemPropertyVariables;

  /** Environment variables of the forked JVM, added to Maven's own. */
  @Parameter protected Map<String, String> environmentVariables;

  /** Current directory of the forked JVM. */
  @Parameter(property = "shim.workingDirectory", defaultValue = "${project.basedir}")
  protected File workingDirectory;

  /**
   * Job parameters: {@code FunctionContext#getJobParameter(key, default)} answers them, as the
   * platform hands connection settings to UDFs. Each is a config var file of the local config
   * override dir.
   */
  @Parameter protected Map<String, String> jobParameters;

  /**
   * Job parameters on the command line, {@code key=value} pairs separated by commas; they win over
   * {@code jobParameters} of the same key.
   */
  @Parameter(property = "shim.jobParameters")
  protected String commandlineJobParameters;

  protected LocalGoal local() {
    return new LocalGoal(
        function,
        signature,
        jvmArguments,
        systemPropertyVariables,
        environmentVariables,
        workingDirectory.toPath(),
        jobParameters,
        commandlineJobParameters);
  }
}
