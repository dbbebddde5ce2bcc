package dev.udfshim.maven.local;

import dev.udfshim.tooling.ExtractAnswer;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.maven.plugin.MojoFailureException;

/** The UDF, signature and job parameters a local run was asked for, or why they do not exist. */
final class LocalChoices {
  private LocalChoices() {}

  /** jobParameters with the command line's on top. */
  static Map<String, String> jobParameters(LocalGoal goal) throws MojoFailureException {
    Map<String, String> all = new TreeMap<>(goal.jobParameters());
    String line = goal.commandlineJobParameters();
    if (line != null && !line.isBlank()) {
      for (String pair : line.split(",", 0)) { // 0: a trailing comma is ignored
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
    return all;
  }

  /** The function asked for, or the only one; fails with the choices otherwise. */
  static ExtractAnswer.Function function(ExtractAnswer answer, String function)
      throws MojoFailureException {
    for (ExtractAnswer.Failure failure : answer.failures()) {
      if (failure.className().equals(function)) {
        throw new MojoFailureException(failure.text());
      }
    }
    if (function != null) {
      return answer.functions().stream()
          .filter(f -> f.className().equals(function))
          .findFirst()
          .orElseThrow(
              () ->
                  new MojoFailureException(
                      "No UDF '" + function + "' in this project; it has " + names(answer) + "."));
    }
    if (answer.functions().size() != 1) {
      throw new MojoFailureException(
          "Name the UDF with -Dfunction=<class>; this project has " + names(answer) + ".");
    }
    return answer.functions().get(0);
  }

  /** The signature asked for, or the only one; fails with the choices otherwise. */
  static ExtractAnswer.Signature signature(ExtractAnswer.Function udf, Integer signature)
      throws MojoFailureException {
    List<ExtractAnswer.Signature> signatures = udf.signatures();
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
                .map(s -> "[" + s.index() + "] " + s.text())
                .collect(Collectors.joining("; ")));
  }

  private static String names(ExtractAnswer answer) {
    if (answer.functions().isEmpty()) {
      return "no UDF";
    }
    return answer.functions().stream()
        .map(ExtractAnswer.Function::className)
        .collect(Collectors.joining(", "));
  }
}
