package dev.udfshim.maven.fork;

import dev.udfshim.maven.isolation.IsolationException;
import dev.udfshim.maven.isolation.RuntimeCalls;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.OutputStreamWriter;
import java.io.Writer;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.stream.Collectors;

/**
 * The shim runtime and the project in a JVM of their own, as spring-boot:run forks the application:
 * the UDF's static state and threads stay out of Maven, and JVM options, system properties,
 * environment and working directory are the project's to choose. The child ends with {@link
 * #close()}, with Maven (a shutdown hook), and when Maven is killed (its standard input ends).
 */
public final class ForkedRuntime implements RuntimeCalls, AutoCloseable {
  private static final long STOP_SECONDS = 10;

  private final Process process;
  private final Writer requests;
  private final BufferedReader answers;
  private final Thread shutdownHook;
  private final Consumer<String> log;

  private ForkedRuntime(Process process, Consumer<String> log) {
    this.process = process;
    this.log = log;
    this.requests = new OutputStreamWriter(process.getOutputStream(), StandardCharsets.UTF_8);
    this.answers =
        new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8));
    this.shutdownHook = new Thread(this::stop, "shim-fork-stop");
    Runtime.getRuntime().addShutdownHook(shutdownHook);
  }

  /** Starts the child JVM; its standard error (the UDF's and the server's output) is Maven's. */
  public static ForkedRuntime start(ForkOptions options, Consumer<String> log)
      throws IsolationException {
    List<Path> classPath = new ArrayList<>(options.classPath());
    classPath.add(pluginJar());
    List<String> command = new ArrayList<>();
    command.add(options.java().toString());
    command.addAll(options.jvmArguments());
    new TreeMap<>(options.systemProperties())
        .forEach((key, value) -> command.add("-D" + key + "=" + value));
    command.add("@" + options.argumentFile());
    try {
      Files.createDirectories(options.argumentFile().getParent());
      Files.writeString(
          options.argumentFile(),
          "-cp\n"
              + quote(
                  classPath.stream()
                      .map(Path::toString)
                      .collect(Collectors.joining(java.io.File.pathSeparator)))
              + "\n"
              + ForkMain.class.getName()
              + "\n",
          StandardCharsets.UTF_8);
      ProcessBuilder builder =
          new ProcessBuilder(command)
              .directory(options.workingDirectory().toFile())
              .redirectError(ProcessBuilder.Redirect.INHERIT);
      builder.environment().putAll(options.environment());
      Process process = builder.start();
      log.accept(
          "Forked JVM (pid "
              + process.pid()
              + ") in "
              + options.workingDirectory()
              + ": "
              + String.join(" ", command));
      return new ForkedRuntime(process, log);
    } catch (IOException e) {
      throw new IsolationException(
          "Cannot start " + options.java() + " (" + e.getMessage() + "); check jvmArguments.", e);
    }
  }

  /** An argument file line: quoted, with backslashes doubled (Windows paths). */
  private static String quote(String text) {
    return "\"" + text.replace("\\", "\\\\") + "\"";
  }

  /** The plugin's own jar (or classes folder): it holds {@link ForkMain} and every goal. */
  public static Path pluginJar() {
    try {
      return Path.of(ForkMain.class.getProtectionDomain().getCodeSource().getLocation().toURI());
    } catch (URISyntaxException e) {
      throw new IllegalStateException("The plugin's own jar has no file location", e);
    }
  }

  /**
   * Calls the entry point in the child and waits for its answer. A call that never returns (serve)
   * ends when the child ends.
   */
  @Override
  public synchronized String call(String className, String method, String argument)
      throws IsolationException {
    try {
      requests.write(className + " " + method + " " + ForkMain.encode(argument) + "\n");
      requests.flush();
      for (String line = answers.readLine(); line != null; line = answers.readLine()) {
        if (!line.startsWith(ForkMain.MARKER + " ")) {
          log.accept(line);
          continue;
        }
        String[] parts = line.split(" ", 3);
        String text = new String(Base64.getDecoder().decode(parts[2]), StandardCharsets.UTF_8);
        if (parts[1].equals("OK")) {
          return text;
        }
        throw new IsolationException(text, null);
      }
    } catch (IOException e) {
      // the child is gone; said below
    }
    throw new IsolationException(ended(method), null);
  }

  private String ended(String method) {
    try {
      process.waitFor(STOP_SECONDS, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return "The forked JVM ended"
        + (process.isAlive() ? "" : " with exit code " + process.exitValue())
        + " during "
        + method
        + "; its output above says why (check jvmArguments and the UDF's static code).";
  }

  /** Ends the input (the child exits), then asks, then forces. */
  private void stop() {
    try {
      requests.close();
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
