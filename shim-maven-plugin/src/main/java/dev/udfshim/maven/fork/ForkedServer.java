package dev.udfshim.maven.fork;

import dev.udfshim.maven.isolation.IsolationException;
import dev.udfshim.tooling.ServeLaunch;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The runtime's own {@code serve} in a JVM of its own, as spring-boot:run forks the application:
 * the UDF's static state and threads stay out of Maven, JVM options, system properties, environment
 * and working directory are the project's to choose, and draining and exit codes are those of
 * bin/shim. Its output is Maven's. It stops, draining, when its standard input ends: on {@link
 * #close()}, when Maven ends (a shutdown hook), and when Maven is killed.
 */
public final class ForkedServer implements AutoCloseable {
  private static final long STOP_SECONDS = 10;
  private static final long PORT_POLL_MILLIS = 20;

  private final Process process;
  private final OutputStream input;
  private final Thread shutdownHook;

  private ForkedServer(Process process) {
    this.process = process;
    this.input = process.getOutputStream();
    this.shutdownHook = new Thread(this::stop, "shim-fork-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /**
   * Starts {@code java <launcher options> <jvmArguments> -D... -cp <class path> <main class>
   * <arguments>}: the project's options after the launcher's, so they win, as JAVA_OPTS does.
   */
  public static ForkedServer start(
      ForkOptions options, ServeLaunch launch, String mainClass, Consumer<String> log)
      throws IsolationException {
    return start(options, launch, mainClass, log, null);
  }

  /**
   * The same, its output (the server's log) written to a file instead of Maven's console: for a
   * call whose answer must stand alone on standard output.
   *
   * @param output the file, or null for Maven's console
   */
  public static ForkedServer start(
      ForkOptions options, ServeLaunch launch, String mainClass, Consumer<String> log, Path output)
      throws IsolationException {
    List<String> command = new ArrayList<>();
    command.add(options.java().toString());
    command.addAll(launch.jvmOptions());
    command.addAll(options.jvmArguments());
    new TreeMap<>(options.systemProperties())
        .forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("@" + options.argumentFile());
    command.addAll(launch.arguments());
    try {
      Files.createDirectories(options.argumentFile().getParent());
      Files.writeString(
          options.argumentFile(),
          "-cp\n"
              + quote(
                  options.classPath().stream()
                      .map(Path::toString)
                      .collect(Collectors.joining(java.io.File.pathSeparator)))
              + "\n"
              + mainClass
              + "\n",
          StandardCharsets.UTF_8);
      ProcessBuilder builder =
          new ProcessBuilder(command).directory(options.workingDirectory().toFile());
      if (output == null) {
        builder
            .redirectOutput(ProcessBuilder.Redirect.INHERIT)
            .redirectError(ProcessBuilder.Redirect.INHERIT);
      } else {
        Files.createDirectories(output.getParent());
        builder.redirectErrorStream(true).redirectOutput(output.toFile());
      }
      builder.environment().putAll(options.environment());
      Process process = builder.start();
      log.accept(
          "Forked JVM (pid "
              + process.pid()
              + ") in "
              + options.workingDirectory()
              + ": "
              + String.join(" ", command));
      return new ForkedServer(process);
    } catch (IOException e) {
      throw new IsolationException(
          "Cannot start " + options.java() + " (" + e.getMessage() + "); check jvmArguments.", e);
    }
  }

  /** An argument file line: quoted, with backslashes doubled (Windows paths). */
  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\") + "\"";
  }

  public long pid() {
    return process.pid();
  }

  /** Waits until the server ends (Ctrl-C, SIGTERM); its exit code. */
  public int waitFor() throws InterruptedException {
    return process.waitFor();
  }

  /** The port the server wrote once listening; fails when it ended first. */
  public int awaitPort(Path portFile, String during)
      throws IsolationException, InterruptedException {
    while (true) {
      if (Files.isRegularFile(portFile)) {
        try {
          return Integer.parseInt(Files.readString(portFile).strip());
        } catch (IOException | NumberFormatException e) {
          // written through a rename, so only a moment before it is whole: read again
        }
      }
      if (!process.isAlive()) {
        throw new IsolationException(ended(during), null);
      }
      Thread.sleep(PORT_POLL_MILLIS);
    }
  }

  /** Why the JVM is gone, for a failure. */
  public String ended(String during) {
    try {
      process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "The forked JVM ended"
        + (process.isAlive() ? "" : " with exit code " + process.exitValue())
        + " during "
        + during
        + "; its output says why (check jvmArguments and the UDF's static code).";
  }

  /** Ends the input (the server drains and exits), then asks, then forces. */
  private void stop() {
    try {
      input.close();
    } catch (IOException e) {
      // already gone
    }
    try {
      if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
        process.destroy();
        if (!process.waitFor(STOP_SECONDS, TimeUnit.SECONDS)) {
          process.destroyForcibly().waitFor(STOP_SECONDS, TimeUnit.SECONDS);
        }
      }
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
    }
  }

  @Override
  public void close() {
    stop();
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException e) {
      // Maven is shutting down; the hook runs stop() again, which is harmless
    }
  }
}
