package dev.udfshim.maven;

import com.google.gson.Gson;
import dev.udfshim.maven.fork.ForkOptions;
import dev.udfshim.maven.fork.ForkedRuntime;
import dev.udfshim.maven.isolation.IsolationException;
import dev.udfshim.maven.isolation.RuntimeCalls;
import java.io.File;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.eclipse.aether.RepositorySystem;

/**
 * Shared by the goals that run the project's UDFs on this machine, in a forked JVM: extract them,
 * write their specs, and pick the function and signature asked for.
 */
abstract class AbstractLocalMojo extends AbstractShimMojo {
  /** What a config var's file name may be (the runtime's ConfigDirContext reads no other). */
  private static final Pattern CONFIG_VAR = Pattern.compile("[A-Za-z0-9_.\\-]+");

  /** Fully qualified class name of the UDF. Default: the project's only UDF, if it has one. */
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

  protected AbstractLocalMojo(RepositorySystem repositorySystem) {
    super(repositorySystem);
  }

  /** The shim runtime and the project in a JVM of their own, configured by this goal. */
  protected ForkedRuntime fork() throws MojoExecutionException {
    List<String> options;
    try {
      options = ForkOptions.splitArguments(jvmArguments);
    } catch (IllegalArgumentException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
    try {
      return ForkedRuntime.start(
          new ForkOptions(
              ForkOptions.currentJava(),
              options,
              systemPropertyVariables == null ? Map.of() : systemPropertyVariables,
              environmentVariables == null ? Map.of() : environmentVariables,
              workingDirectory.toPath(),
              classPath(runtimeJars()),
              localDirectory().resolve("fork.args")),
          getLog()::info);
    } catch (IsolationException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }

  /** jobParameters with the command line's on top, each name checked to be a config var's. */
  protected Map<String, String> jobParameters() throws MojoFailureException {
    Map<String, String> all = new TreeMap<>();
    if (jobParameters != null) {
      all.putAll(jobParameters);
    }
    if (commandlineJobParameters != null && !commandlineJobParameters.isBlank()) {
      for (String pair : commandlineJobParameters.split(",")) {
        int equals = pair.indexOf('=');
        if (equals <= 0) {
          throw new MojoFailureException(
              "-Dshim.jobParameters: '"
                  + pair
                  + "' is not key=value; write key=value pairs separated by commas.");
        }
        all.put(pair.substring(0, equals).strip(), pair.substring(equals + 1));
      }
    }
    for (String key : all.keySet()) {
      checkJobParameterKey(key);
    }
    return all;
  }

  /** A key the runtime reads as a config var file: ConfigDirContext's rule, and not the spec. */
  static void checkJobParameterKey(String key) throws MojoFailureException {
    if (!CONFIG_VAR.matcher(key).matches()
        || key.equals(".")
        || key.equals("..")
        || key.equals("spec_base64")) {
      throw new MojoFailureException(
          "Job parameter '"
              + key
              + "' cannot be a config var: use letters, digits, '.', '_' and '-', and not"
              + " spec_base64.");
    }
  }

  /** Writes the job parameters as config var files into a config override dir. */
  protected void writeJobParameters(Path configDir, Map<String, String> parameters)
      throws IOException {
    for (Map.Entry<String, String> parameter : parameters.entrySet()) {
      Files.writeString(
          configDir.resolve(parameter.getKey()), parameter.getValue(), StandardCharsets.UTF_8);
    }
    if (!parameters.isEmpty()) {
      getLog().info("Job parameters " + parameters.keySet() + " in " + configDir);
    }
  }

  /**
   * Extracts and writes the specs in the given runtime, into {@code <shimDirectory>/local}: the
   * build's own signatures and specs, which the artifact is made of, are left as they are.
   */
  protected ExtractionReport prepare(RuntimeCalls runtime) throws IsolationException {
    Gson gson = new Gson();
    String answer =
        runtime.call(
            BUILD_TOOLS,
            "extract",
            gson.toJson(
                Map.of(
                    "classesDirectory", project.getBuild().getOutputDirectory(),
                    "functions", function == null ? List.of() : List.of(function),
                    "signaturesFile", localDirectory().resolve("signatures.json").toString())));
    runtime.call(
        BUILD_TOOLS,
        "generateSpecs",
        gson.toJson(
            Map.of(
                "signaturesFile", localDirectory().resolve("signatures.json").toString(),
                "outputDirectory", localConfigDirectory().toString(),
                "pluginId", "")));
    return gson.fromJson(answer, ExtractionReport.class);
  }

  /** The function asked for, or the only one; fails with the choices otherwise. */
  protected ExtractionReport.Function chooseFunction(ExtractionReport report)
      throws MojoFailureException {
    for (ExtractionReport.Failure failure : report.errors()) {
      if (failure.className().equals(function)) {
        throw new MojoFailureException(
            failure.className() + ": " + failure.code() + ": " + failure.message());
      }
    }
    if (function != null) {
      return report.functions().stream()
          .filter(f -> f.className().equals(function))
          .findFirst()
          .orElseThrow(
              () ->
                  new MojoFailureException(
                      "No UDF '" + function + "' in this project; it has " + names(report) + "."));
    }
    if (report.functions().size() != 1) {
      throw new MojoFailureException(
          "Name the UDF with -Dfunction=<class>; this project has " + names(report) + ".");
    }
    return report.functions().get(0);
  }

  /** The signature asked for, or the only one; fails with the choices otherwise. */
  protected ExtractionReport.Signature chooseSignature(ExtractionReport.Function udf)
      throws MojoFailureException {
    List<ExtractionReport.Signature> signatures = udf.signatures();
    if (signature == null && signatures.size() == 1) {
      return signatures.get(0);
    }
    if (signature != null && signature >= 0 && signature < signatures.size()) {
      return signatures.get(signature);
    }
    throw new MojoFailureException(
        (signature == null ? "Choose" : "Signature " + signature + " does not exist; choose")
            + " one of the signatures of "
            + udf.className()
            + " with -Dsignature=<n>: "
            + signatures.stream()
                .map(s -> "[" + s.index() + "] (" + s.arguments() + ") -> " + s.returnType())
                .collect(Collectors.joining("; ")));
  }

  protected Path localDirectory() {
    return shimDirectory.toPath().resolve("local");
  }

  /** The specs of local runs, laid out as gen-spec lays out the build's. */
  protected Path localConfigDirectory() {
    return localDirectory().resolve("scp_config");
  }

  /** The config override dir of one signature. */
  protected Path specDirectory(String className, int index) {
    return localConfigDirectory().resolve(className).resolve(String.valueOf(index));
  }

  private static String names(ExtractionReport report) {
    if (report.functions().isEmpty()) {
      return "no UDF";
    }
    return report.functions().stream()
        .map(ExtractionReport.Function::className)
        .collect(Collectors.joining(", "));
  }
}
