package dev.udfshim.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A shim server in its own process, ready once it logged its address; stopped on close. Every line
 * it writes (stdout and stderr together) is kept for assertions.
 */
public final class ShimProcess implements AutoCloseable {
  private static final Pattern READY =
      Pattern.compile(
          "FunctionRuntime server listening on 127\\.0\\.0\\.1:(\\d+) with handler (\\S+)");

  private final Process process;
  private final int port;
  private final String handler;
  private final List<String> lines;
  private final Thread output;

  private ShimProcess(
      Process process, int port, String handler, List<String> lines, Thread output) {
    this.process = process;
    this.port = port;
    this.handler = handler;
    this.lines = lines;
    this.output = output;
  }

  /** The arguments of {@code serve} on a free loopback port, as every test starts it. */
  static List<String> serveArguments(String handler, Path configDir) {
    return serveArguments(handler, configDir, 0);
  }

  /** The arguments of {@code serve} on a loopback port (0: any free one). */
  static List<String> serveArguments(String handler, Path configDir, int port) {
    return List.of(
        "serve",
        "--handler_name",
        handler,
        "--config_override_dir",
        configDir.toString(),
        "--host",
        "127.0.0.1",
        "--port",
        String.valueOf(port));
  }

  /** Starts the command (which must bind 127.0.0.1) and waits for its ready line. */
  static ShimProcess start(List<String> command) throws Exception {
    return start(command, Map.of());
  }

  /** As {@link #start(List)}, with more environment variables (JAVA_OPTS, SHIM_HEAP, ...). */
  static ShimProcess start(List<String> command, Map<String, String> environment) throws Exception {
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    builder.environment().putAll(environment);
    Process process = builder.start();
    List<String> lines = new CopyOnWriteArrayList<>();
    CompletableFuture<Matcher> ready = new CompletableFuture<>();
    // Keep draining the output so the server never blocks on a full pipe.
    Thread drain =
        new Thread(
            () -> {
              try (BufferedReader log =
                  new BufferedReader(
                      new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8))) {
                for (String line = log.readLine(); line != null; line = log.readLine()) {
                  lines.add(line);
                  Matcher matcher = READY.matcher(line);
                  if (!ready.isDone() && matcher.find()) {
                    ready.complete(matcher);
                  }
                }
              } catch (IOException e) {
                // the process ended
              }
              ready.completeExceptionally(
                  new IllegalStateException(
                      "the server exited before it was ready:\n" + String.join("\n", lines)));
            },
            "shim-process-output");
    drain.setDaemon(true);
    drain.start();
    try {
      Matcher matcher = ready.get(60, TimeUnit.SECONDS);
      return new ShimProcess(
          process, Integer.parseInt(matcher.group(1)), matcher.group(2), lines, drain);
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  public int port() {
    return port;
  }

  String handler() {
    return handler;
  }

  public Process process() {
    return process;
  }

  /** Every line written so far. */
  public List<String> lines() {
    return List.copyOf(lines);
  }

  /** Waits up to the timeout for a line that matches; the line, or an error with the log. */
  String awaitLine(Predicate<String> match, long timeoutMillis) throws InterruptedException {
    long until = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMillis);
    do {
      for (String line : lines) {
        if (match.test(line)) {
          return line;
        }
      }
      Thread.sleep(20);
    } while (System.nanoTime() < until);
    throw new AssertionError("no such line within " + timeoutMillis + " ms in:\n" + log());
  }

  String log() {
    return String.join("\n", lines);
  }

  /**
   * SIGTERM, as Ctrl-C or a platform stop would send, through the process handle: {@code
   * Process.destroy()} would also close the pipes, and the lines of the shutdown would be lost.
   */
  public void terminate() {
    process.toHandle().destroy();
  }

  /**
   * The exit code, waiting up to the timeout, once every line it wrote is read; fails with the log
   * when it is still running.
   */
  public int awaitExit(long timeoutMillis) throws InterruptedException {
    if (!process.waitFor(timeoutMillis, TimeUnit.MILLISECONDS)) {
      throw new AssertionError(
          "the server still runs " + timeoutMillis + " ms later; its log:\n" + log());
    }
    output.join(10_000);
    return process.exitValue();
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
