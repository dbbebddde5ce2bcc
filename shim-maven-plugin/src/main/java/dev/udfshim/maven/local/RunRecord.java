package dev.udfshim.maven.local;

import dev.udfshim.maven.incremental.GoalRecord;
import dev.udfshim.tooling.ExtractAnswer;
import java.io.IOException;
import java.io.Reader;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Properties;

/**
 * The server a {@code shim:run} keeps up, written while it serves and deleted when it stops, so
 * {@code shim:invoke} calls it without a target, an extraction or a JVM of its own: where it
 * listens, its JVM, and what it serves (for execution, the UDF and the signature, types and all).
 *
 * @param className the UDF, or null for an extraction server
 * @param table whether the UDF is a table function
 * @param signature the signature it runs, or null for an extraction server
 * @param started when it started, in milliseconds since the epoch
 */
record RunRecord(
    String target,
    long pid,
    String handler,
    String className,
    boolean table,
    ExtractAnswer.Signature signature,
    long started) {

  /** Under the plugin's records, one per handler: a run of each can be up at once. */
  static Path file(Path shimDirectory, String handler) {
    return shimDirectory.resolve("records").resolve("run-" + handler + ".properties");
  }

  /** Whether its JVM still runs; a record left by a Maven that was killed is not. */
  boolean alive() {
    return ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
  }

  /** Its UDF's class name without the package. */
  String simpleName() {
    return className == null ? null : className.substring(className.lastIndexOf('.') + 1);
  }

  void write(Path file) {
    Properties p = new Properties();
    p.setProperty("target", target);
    p.setProperty("pid", String.valueOf(pid));
    p.setProperty("handler", handler);
    p.setProperty("started", String.valueOf(started));
    if (className != null) {
      p.setProperty("function", className);
      p.setProperty("table", String.valueOf(table));
      p.setProperty("signature", String.valueOf(signature.index()));
      p.setProperty("returnType", signature.returnType());
      for (int i = 0; i < signature.argumentTypes().size(); i++) {
        p.setProperty("argument." + i + ".type", signature.argumentTypes().get(i));
        if (!signature.argumentNames().isEmpty()) {
          p.setProperty("argument." + i + ".name", signature.argumentNames().get(i));
        }
        if (!signature.argumentOptional().isEmpty()) {
          p.setProperty(
              "argument." + i + ".optional", String.valueOf(signature.argumentOptional().get(i)));
        }
      }
    }
    StringWriter text = new StringWriter();
    try {
      p.store(text, "The server of a running shim:run; deleted when it stops");
      GoalRecord.writeWhole(file, text.toString());
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  /** The record, if one is there and readable. */
  static Optional<RunRecord> read(Path file) {
    Properties p = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      p.load(in);
    } catch (IOException e) {
      return Optional.empty();
    }
    try {
      String className = p.getProperty("function");
      ExtractAnswer.Signature signature = null;
      if (className != null) {
        List<String> names = new ArrayList<>();
        List<String> types = new ArrayList<>();
        List<Boolean> optional = new ArrayList<>();
        for (int i = 0; p.getProperty("argument." + i + ".type") != null; i++) {
          types.add(p.getProperty("argument." + i + ".type"));
          String name = p.getProperty("argument." + i + ".name");
          if (name != null) {
            names.add(name);
          }
          String flag = p.getProperty("argument." + i + ".optional");
          if (flag != null) {
            optional.add(Boolean.parseBoolean(flag));
          }
        }
        signature =
            new ExtractAnswer.Signature(
                Integer.parseInt(p.getProperty("signature")),
                names.size() == types.size() ? names : List.of(),
                types,
                p.getProperty("returnType"),
                optional.size() == types.size() ? optional : List.of());
      }
      return Optional.of(
          new RunRecord(
              p.getProperty("target"),
              Long.parseLong(p.getProperty("pid")),
              p.getProperty("handler"),
              className,
              Boolean.parseBoolean(p.getProperty("table")),
              signature,
              Long.parseLong(p.getProperty("started"))));
    } catch (RuntimeException e) {
      return Optional.empty(); // not one this plugin wrote whole: as if none
    }
  }

  static void delete(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      // the next run overwrites it, and invoke checks the JVM is alive
    }
  }
}
