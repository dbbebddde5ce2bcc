package dev.udfshim.it;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A shim server in its own process, ready once it logged its address; stopped on close. */
final class ShimProcess implements AutoCloseable {
  private static final Pattern READY =
      Pattern.compile(
          "FunctionRuntime server listening on 127\\.0\\.0\\.1:(\\d+) with handler (\\S+)");

  private final Process process;
  private final int port;
  private final String handler;
  private final String startLog;

  private ShimProcess(Process process, int port, String handler, String startLog) {
    this.process = process;
    this.port = port;
    this.handler = handler;
    this.startLog = startLog;
  }

  /** The arguments of {@code serve} on a free loopback port, as every test starts it. */
  static List<String> serveArguments(String handler, Path configDir) {
    return List.of(
        "serve",
        "--handler_name",
        handler,
        "--config_override_dir",
        configDir.toString(),
        "--host",
        "127.0.0.1",
        "--port",
        "0");
  }

  /** Starts the command (which must bind 127.0.0.1 with --port 0) and waits for its ready line. */
  static ShimProcess start(List<String> command) throws Exception {
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    try {
      BufferedReader log =
          new BufferedReader(
              new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
      StringBuilder seen = new StringBuilder();
      Matcher ready =
          CompletableFuture.supplyAsync(() -> awaitReady(log, seen)).get(60, TimeUnit.SECONDS);
      // Keep draining the log so the server never blocks on a full pipe.
      Thread drain =
          new Thread(
              () -> {
                try {
                  while (log.readLine() != null) {
                    // discard
                  }
                } catch (IOException e) {
                  // the process ended
                }
              });
      drain.setDaemon(true);
      drain.start();
      return new ShimProcess(
          process, Integer.parseInt(ready.group(1)), ready.group(2), seen.toString());
    } catch (Exception e) {
      process.destroyForcibly();
      throw e;
    }
  }

  private static Matcher awaitReady(BufferedReader log, StringBuilder seen) {
    try {
      for (String line = log.readLine(); line != null; line = log.readLine()) {
        Matcher matcher = READY.matcher(line);
        if (matcher.find()) {
          return matcher;
        }
        seen.append(line).append('\n');
      }
      throw new IllegalStateException("the server exited before it was ready:\n" + seen);
    } catch (IOException e) {
      throw new IllegalStateException(e);
    }
  }

  int port() {
    return port;
  }

  String handler() {
    return handler;
  }

  /** What the process printed before it was ready. */
  String startLog() {
    return startLog;
  }

  Process process() {
    return process;
  }

  /** SIGTERM, as Ctrl-C or a platform stop would send, then waits for the exit. */
  @Override
  public void close() {
    process.destroy();
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
