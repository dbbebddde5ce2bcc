package dev.udfshim.runtime.server;

import dev.udfshim.runtime.handler.Fatal;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
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

  /** Set by bin/shim on the start that writes the class-data sharing archive at exit. */
  private static final String CDS_ARCHIVE = "shim.cds.archive";

  /** Set by bin/shim when it waits for the JVM instead of becoming it. */
  private static final String LAUNCHER_PID = "shim.launcher.pid";

  /** What must run before the process halts: shutdown hooks may not get the time to. */
  private static final java.util.List<Runnable> BEFORE_HALT =
      new java.util.concurrent.CopyOnWriteArrayList<>();

  private static final AtomicReference<Served> SERVED = new AtomicReference<>();

  private ServerProcess() {}

  /**
   * Runs the task when the server's process ends after a drain; the drain halts the JVM, which can
   * cut other shutdown hooks short.
   */
  public static void beforeHalt(Runnable task) {
    BEFORE_HALT.add(task);
  }

  /**
   * Before the server starts, so that a stop signal or the launcher's end at any moment after is
   * handled: once the server listens, {@link #install} hands it the server to drain.
   */
  public static void prepare() {
    Fatal.haltOnFatalErrors();
    Runtime.getRuntime().addShutdownHook(new Thread(ServerProcess::onShutdown, "shim-shutdown"));
    stopWhenLauncherEnds();
  }

  /** The server a stop drains; until it is set, a stop just exits. */
  public static void install(Served server) {
    SERVED.set(server);
  }

  /**
   * The start failed after {@link #install}: the exit closes the server's handlers without a drain,
   * and keeps the failure's exit code.
   */
  public static void installFailed() {
    Served server = SERVED.getAndSet(null);
    if (server != null) {
      server.closeHandlers(Duration.ofSeconds(5));
    }
  }

  /**
   * bin/shim passes every stop signal on while it waits for the JVM; should it be killed itself
   * (SIGKILL), the server drains as on SIGTERM rather than outlive it.
   */
  private static void stopWhenLauncherEnds() {
    String launcher = System.getProperty(LAUNCHER_PID);
    if (launcher == null) {
      return;
    }
    long pid;
    try {
      pid = Long.parseLong(launcher.strip());
    } catch (NumberFormatException e) {
      return;
    }
    // Looked up in the thread: a launcher already gone (killed while this JVM started) is found
    // gone at once, and the server never starts serving on its own.
    Thread watch =
        new Thread(
            () -> {
              Optional<ProcessHandle> handle = ProcessHandle.of(pid);
              try {
                while (handle.isPresent() && handle.get().isAlive()) {
                  Thread.sleep(500);
                }
              } catch (InterruptedException e) {
                return;
              }
              LOG.info("bin/shim (pid {}) has ended; stopping as on SIGTERM", pid);
              System.exit(0);
            },
            "shim-launcher-watch");
    watch.setDaemon(true);
    watch.start();
  }

  private static void onShutdown() {
    Served server = SERVED.get();
    if (server == null) {
      runBeforeHalt(); // stopped while starting: nothing listens yet, nothing to drain
      return;
    }
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
    String archive = System.getProperty(CDS_ARCHIVE);
    if (archive != null) {
      LOG.info(
          "Writing the class-data sharing archive {} as the JVM exits, which takes a few seconds"
              + " once: later starts of this handler with this JVM and artifact load it and answer"
              + " sooner (SHIM_CDS=off turns it off)",
          archive);
    }
    runBeforeHalt();
    Runtime.getRuntime().halt(stopped.exitCode());
  }

  private static void runBeforeHalt() {
    for (Runnable task : BEFORE_HALT) {
      try {
        task.run();
      } catch (RuntimeException e) {
        LOG.debug("A task before the exit failed", e);
      }
    }
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
