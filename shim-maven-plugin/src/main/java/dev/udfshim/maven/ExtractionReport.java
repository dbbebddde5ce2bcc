package dev.udfshim.maven;

import java.util.ArrayList;
import java.util.List;

/** signatures.json as the plugin reads it (the runtime writes it). */
record ExtractionReport(String shimVersion, List<Function> functions, List<Failure> errors) {

  record Function(
      String className, String kind, boolean deterministic, List<Signature> signatures) {}

  record Signature(
      int index, List<String> argumentNames, List<String> argumentTypes, String returnType) {
    String arguments() {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < argumentTypes.size(); i++) {
        String name = argumentNames.isEmpty() ? "" : argumentNames.get(i) + " ";
        parts.add(name + argumentTypes.get(i));
      }
      return String.join(", ", parts);
    }
  }

  record Failure(String className, String code, String message) {}

  /** One line per signature, in aligned columns, for the build log. */
  List<String> table() {
    List<String[]> rows = new ArrayList<>();
    rows.add(new String[] {"FUNCTION", "#", "KIND", "ARGUMENTS", "RETURNS", "DETERMINISTIC"});
    for (Function f : functions) {
      for (Signature s : f.signatures()) {
        rows.add(
            new String[] {
              f.className(),
              String.valueOf(s.index()),
              f.kind(),
              "(" + s.arguments() + ")",
              s.returnType(),
              String.valueOf(f.deterministic())
            });
      }
    }
    int[] widths = new int[rows.get(0).length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
    }
    List<String> lines = new ArrayList<>();
    if (rows.size() == 1) {
      return lines;
    }
    for (String[] row : rows) {
      StringBuilder line = new StringBuilder();
      for (int i = 0; i < row.length; i++) {
        line.append(i == row.length - 1 ? row[i] : String.format("%-" + widths[i] + "s  ", row[i]));
      }
      lines.add(line.toString());
    }
    return lines;
  }
}
