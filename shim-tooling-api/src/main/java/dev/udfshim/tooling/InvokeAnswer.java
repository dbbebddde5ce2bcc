package dev.udfshim.tooling;

import java.util.List;

/**
 * The answer of one call, as text.
 *
 * @param lines the decoded result (one line per row of a table function), or the signatures
 * @param error what {@code bin/shim invoke} prints instead: {@code error: } and the server's error
 *     answer, or why the call could not be made; null when it succeeded
 */
public record InvokeAnswer(List<String> lines, String error) {
  public InvokeAnswer {
    lines = List.copyOf(lines);
  }

  public static InvokeAnswer of(List<String> lines) {
    return new InvokeAnswer(lines, null);
  }

  public static InvokeAnswer failed(String error) {
    return new InvokeAnswer(List.of(), error);
  }
}
