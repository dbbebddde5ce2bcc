package dev.udfshim.flink.sql;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/**
 * One execution server of the runtime: {@code serve} in a JVM of its own on 127.0.0.1, ready once
 * it wrote its port file; it stops (draining) when its standard input ends, so it never outlives
 * the tests, and on close.
 */
final class ServeProcess implements AutoCloseable {
  private final Process process;
  private final int port;
  private final List<String> lines;

  private ServeProcess(Process process, int port, List<String> lines) {
    this.process = process;
    this.port = port;
    this.lines = lines;
  }

  /**
   * Serves the signature whose config override dir this is.
   *
   * @param port the port, 0 for any free one
   * @param udfs the folder of the UDF classes (the artifact's lib/udf)
   */
  static ServeProcess start(Path configDir, int port, Path udfs) throws Exception {
    return start(configDir, port, "execution", List.of(udfs));
  }

  /**
   * Serves with a handler of this name (an alias or a class name) and these class path entries (the
   * UDFs', and a handler's own).
   */
  static ServeProcess start(Path configDir, int port, String handler, List<Path> classPath)
      throws Exception {
    Path portFile = Files.createTempFile(configDir.getParent(), "port", ".txt");
    Files.delete(portFile);
    List<String> command = new ArrayList<>();
    command.add(ShimRuntime.java());
    command.add("-XX:+ExitOnOutOfMemoryError");
    command.add("-Xmx256m");
    command.addAll(
        List.of(
            "-jar",
            ShimRuntime.jar().toString(),
            "serve",
            "--handler_name",
            handler,
            "--config_override_dir",
            configDir.toString(),
            "--host",
            "127.0.0.1",
            "--port",
            String.valueOf(port),
            "--port-file",
            portFile.toString(),
            "--stop-with-stdin",
            "--udf-classpath",
            String.join(",", classPath.stream().map(Path::toString).toList())));
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    List<String> lines = new CopyOnWriteArrayList<>();
    Thread drain =
        new Thread(
            () -> {
              try (BufferedReader log =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = log.readLine(); line != null; line = log.readLine()) {
                  lines.add(line);
                }
              } catch (IOException e) {
                // the process ended
              }
            },
            "serve-output");
    drain.setDaemon(true);
    drain.start();
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(120);
    while (System.nanoTime() < until) {
      if (Files.isRegularFile(portFile)) {
        String text = Files.readString(portFile).strip();
        if (!text.isEmpty()) {
          return new ServeProcess(process, Integer.parseInt(text), lines);
        }
      }
      if (!process.isAlive()) {
        break;
      }
      Thread.sleep(20);
    }
    process.destroyForcibly();
    throw new IllegalStateException(
        "serve of " + configDir + " did not start:\n" + String.join("\n", lines));
  }

  int port() {
    return port;
  }

  /** Every line it wrote so far. */
  String log() {
    return String.join("\n", lines);
  }

  /** SIGTERM, then waits for the exit. */
  @Override
  public void close() {
    process.toHandle().destroy();
    try {
      if (!process.waitFor(30, TimeUnit.SECONDS)) {
        process.destroyForcibly();
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }
}
