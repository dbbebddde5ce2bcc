package dev.udfshim.runtime.tooling;

import dev.udfshim.tooling.ExtractAnswer;
import java.util.ArrayList;
import java.util.List;

/**
 * The build log's table of what extraction found: one line per signature, then one per class of a
 * kind the platform does not host and one per class that failed, in aligned columns.
 */
final class ExtractionTable {
  private static final String[] HEADER = {
    "FUNCTION", "#", "KIND", "ARGUMENTS", "RETURNS", "DETERMINISTIC"
  };

  private ExtractionTable() {}

  /** The lines, header first; none when there is no row. */
  static List<String> lines(List<ExtractAnswer.Function> functions) {
    return lines(functions, List.of(), List.of());
  }

  static List<String> lines(
      List<ExtractAnswer.Function> functions,
      List<UdfDiscovery.NotHosted> notHosted,
      List<ExtractAnswer.Failure> failures) {
    List<String[]> rows = new ArrayList<>();
    rows.add(HEADER);
    for (ExtractAnswer.Function f : functions) {
      for (ExtractAnswer.Signature s : f.signatures()) {
        String text = s.text();
        rows.add(
            new String[] {
              f.className(),
              String.valueOf(s.index()),
              f.kind(),
              text.substring(0, text.lastIndexOf(" -> ")),
              s.returnType(),
              String.valueOf(f.deterministic())
            });
      }
    }
    // The rest of such a line is one text, not columns.
    for (UdfDiscovery.NotHosted n : notHosted) {
      rows.add(new String[] {n.className(), "-", n.kind(), n.reason()});
    }
    for (ExtractAnswer.Failure f : failures) {
      rows.add(new String[] {f.className(), "-", "FAILED", f.code() + " (the reason follows)"});
    }
    List<String> lines = new ArrayList<>();
    if (rows.size() == 1) {
      return lines;
    }
    int[] widths = new int[HEADER.length];
    for (String[] row : rows) {
      for (int i = 0; i < row.length - 1; i++) {
        widths[i] = Math.max(widths[i], row[i].length());
      }
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
