package dev.udfshim.runtime.server;

import dev.udfshim.runtime.handler.Fatal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Makes this JVM the server's process: fatal JVM errors end it, SIGTERM and SIGINT drain it and
 * exit with a code that says how that went, and a UDF calling {@code System.exit} is logged with
 * where it was called from. Whatever close() does, the process is gone within the grace plus the
 * close limit.
 */
public final class ServerProcess {
  private static final Logger LOG = LoggerFactory.getLogger(ServerProcess.class);

  private ServerProcess() {}

  public static void install(Served server) {
    Fatal.haltOnFatalErrors();
    Runtime.getRuntime().addShutdownHook(new Thread(() -> onShutdown(server), "shim-shutdown"));
  }

  private static void onShutdown(Served server) {
    Optional<StackTraceElement> exitCaller = userSystemExitCaller();
    if (exitCaller.isPresent()) {
      LOG.warn(
          "System.exit was called by user code at {}: the JVM exits now without draining; closing"
              + " the handler",
          frame(exitCaller.get()));
      server.closeHandlers(Duration.ofSeconds(5));
      return; // the JVM exits with the status the UDF asked for
    }
    haltAfter(server.shutdownBound());
    ShimServer.Stopped stopped = server.shutdown("SIGTERM or SIGINT");
    Runtime.getRuntime().halt(stopped.exitCode());
  }

  /** A last resort: if anything in the shutdown blocks past its bound, the process still ends. */
  private static void haltAfter(Duration bound) {
    Thread timer =
        new Thread(
            () -> {
              try {
                Thread.sleep(bound.toMillis());
                LOG.error("Shutdown took longer than {} ms; halting", bound.toMillis());
                Runtime.getRuntime().halt(2);
              } catch (InterruptedException e) {
                // the shutdown finished first
              }
            },
            "shim-shutdown-bound");
    timer.setDaemon(true);
    timer.start();
  }

  /** {@code com.example.Udf.eval(Udf.java:12)}, without the class loader's name. */
  static String frame(StackTraceElement frame) {
    return frame.getClassName()
        + "."
        + frame.getMethodName()
        + "("
        + frame.getFileName()
        + ":"
        + frame.getLineNumber()
        + ")";
  }

  /** The frame that called System.exit, if a thread outside this runtime did. */
  static Optional<StackTraceElement> userSystemExitCaller() {
    for (Map.Entry<Thread, StackTraceElement[]> entry : Thread.getAllStackTraces().entrySet()) {
      StackTraceElement[] frames = entry.getValue();
      for (int i = frames.length - 2; i >= 0; i--) {
        StackTraceElement frame = frames[i];
        boolean exit =
            frame.getMethodName().equals("exit")
                && (frame.getClassName().equals("java.lang.Runtime")
                    || frame.getClassName().equals("java.lang.System"));
        if (exit) {
          StackTraceElement caller = frames[i + 1];
          return caller.getClassName().startsWith("dev.udfshim.runtime.")
              ? Optional.empty()
              : Optional.of(caller);
        }
      }
    }
    return Optional.empty();
  }
}
