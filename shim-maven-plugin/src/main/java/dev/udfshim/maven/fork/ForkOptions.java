package dev.udfshim.maven.fork;

import java.nio.file.Path;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * How the forked JVM is started.
 *
 * @param java the java executable
 * @param jvmArguments options before the main class, e.g. {@code -Xmx1g}
 * @param systemProperties passed as {@code -Dkey=value}
 * @param environment added to (and overriding) Maven's environment
 * @param workingDirectory the child's current directory
 * @param classPath the shim runtime, the project's classes and its shipped dependencies
 * @param argumentFile where the class path is written, so no command line grows too long
 */
public record ForkOptions(
    Path java,
    List<String> jvmArguments,
    Map<String, String> systemProperties,
    Map<String, String> environment,
    Path workingDirectory,
    List<Path> classPath,
    Path argumentFile) {

  /** The java of the JVM that runs Maven. */
  public static Path currentJava() {
    boolean windows = System.getProperty("os.name").toLowerCase(Locale.ROOT).startsWith("windows");
    return Path.of(System.getProperty("java.home"), "bin", windows ? "java.exe" : "java");
  }

  /**
   * Splits {@code -Xmx1g -Dname="a b"} at spaces outside double quotes, as a shell would; the
   * quotes are removed.
   */
  public static List<String> splitArguments(String text) {
    List<String> arguments = new java.util.ArrayList<>();
    if (text == null) {
      return arguments;
    }
    StringBuilder current = new StringBuilder();
    boolean quoted = false;
    boolean any = false;
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (c == '"') {
        quoted = !quoted;
        any = true;
      } else if (Character.isWhitespace(c) && !quoted) {
        if (any) {
          arguments.add(current.toString());
          current.setLength(0);
          any = false;
        }
      } else {
        current.append(c);
        any = true;
      }
    }
    if (quoted) {
      throw new IllegalArgumentException(
          "jvmArguments '" + text + "' has an unclosed double quote; close it.");
    }
    if (any) {
      arguments.add(current.toString());
    }
    return arguments;
  }
}
