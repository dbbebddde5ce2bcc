package dev.udfshim.maven.local;

import dev.udfshim.tooling.ExtractAnswer;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
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

  /**
   * The function asked for (by its class name, or by its simple name when one UDF has it), or the
   * only one; fails with the choices otherwise, the closest to the name asked for first.
   */
  static ExtractAnswer.Function function(ExtractAnswer answer, String function)
      throws MojoFailureException {
    for (ExtractAnswer.Failure failure : answer.failures()) {
      if (failure.className().equals(function)) {
        throw new MojoFailureException(failure.text());
      }
    }
    if (function != null) {
      Optional<ExtractAnswer.Function> found = find(answer, function);
      if (found.isPresent()) {
        return found.get();
      }
      throw unknown(answer, function);
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

  /** The UDF of this class name, or the only one of this simple name. */
  static Optional<ExtractAnswer.Function> find(ExtractAnswer answer, String function) {
    Optional<ExtractAnswer.Function> exact =
        answer.functions().stream().filter(f -> f.className().equals(function)).findFirst();
    if (exact.isPresent()) {
      return exact;
    }
    List<ExtractAnswer.Function> simple =
        answer.functions().stream()
            .filter(f -> simpleName(f.className()).equals(function))
            .toList();
    return simple.size() == 1 ? Optional.of(simple.get(0)) : Optional.empty();
  }

  /** No such UDF: the project's, the closest to the name asked for first. */
  static MojoFailureException unknown(ExtractAnswer answer, String function) {
    if (answer.functions().isEmpty()) {
      return new MojoFailureException("No UDF '" + function + "' in this project; it has no UDF.");
    }
    List<String> names =
        answer.functions().stream()
            .map(ExtractAnswer.Function::className)
            .sorted(
                Comparator.<String>comparingInt(name -> distance(function, name))
                    .thenComparing(Comparator.naturalOrder()))
            .toList();
    return new MojoFailureException(
        "No UDF '"
            + function
            + "' in this project; name one of its UDFs with -Dfunction, closest first: "
            + String.join(", ", names)
            + ".");
  }

  private static String simpleName(String className) {
    return className.substring(className.lastIndexOf('.') + 1);
  }

  /**
   * How far a name asked for is from a UDF's: the edit distance to its class name or to its simple
   * name, whichever is less, case aside.
   */
  static int distance(String asked, String className) {
    String a = asked.toLowerCase(Locale.ROOT);
    return Math.min(
        levenshtein(a, className.toLowerCase(Locale.ROOT)),
        levenshtein(a, simpleName(className).toLowerCase(Locale.ROOT)));
  }

  private static int levenshtein(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitute = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitute, Math.min(previous[j], current[j - 1]) + 1);
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
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
