package dev.udfshim.runtime.cli;

import java.util.Arrays;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** Entry point of the shim runtime: the server and the tools around it. */
@Command(
    name = "shim",
    mixinStandardHelpOptions = true,
    versionProvider = ShimCli.Version.class,
    description = "Runs Apache Flink UDFs behind the remote function platform's gRPC interface.",
    subcommands = {
      ServeCommand.class,
      ExtractCommand.class,
      GenSpecCommand.class,
      EncodeArgsCommand.class,
      DecodeResultCommand.class,
      InvokeCommand.class,
      ConfigVarsCommand.class,
      CommandLine.HelpCommand.class
    })
public final class ShimCli {

  public static void main(String[] args) {
    if (args.length > 0 && args[0].equals("serve")) {
      warmUp();
      // The platform's start: picocli reads only this command's annotations, not the whole tree's
      // (its classes are not in the class-data archive, so each one read costs the first answer).
      System.exit(serveCommandLine().execute(Arrays.copyOfRange(args, 1, args.length)));
    }
    System.exit(commandLine().execute(args));
  }

  /** Open once the warm-up initialized logging; open from the start when none runs. */
  private static volatile java.util.concurrent.CountDownLatch logging =
      new java.util.concurrent.CountDownLatch(0);

  /**
   * Waits for the warm-up's logging initialization, if one runs: a logger asked for while SLF4J
   * initializes on another thread would queue its lines and have SLF4J print three lines of its own
   * about replaying them on every start.
   */
  static void awaitLogging() {
    try {
      logging.await(10, java.util.concurrent.TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /**
   * Starts logging and loads the server's transport on a second thread while picocli reads the
   * command line (about 150 ms of interpreted reflection on one core at a cold start); neither has
   * an effect beyond what serving does a moment later.
   */
  private static void warmUp() {
    java.util.concurrent.CountDownLatch initialized = new java.util.concurrent.CountDownLatch(1);
    logging = initialized;
    Thread warm =
        new Thread(
            () -> {
              try {
                awaitInitializedLogging();
              } finally {
                initialized.countDown();
              }
              try {
                Class.forName(
                    "io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder",
                    true,
                    ShimCli.class.getClassLoader());
              } catch (ClassNotFoundException | LinkageError e) {
                // serving reports it
              }
            },
            "shim-warm-up");
    warm.setDaemon(true);
    warm.start();
  }

  /**
   * Initializes SLF4J here, or waits for the thread that is doing it: while it initializes, SLF4J
   * hands out stand-in loggers whose lines it queues and replays with three warning lines of its
   * own, and the transport's classes log as they load.
   */
  private static void awaitInitializedLogging() {
    long until = System.nanoTime() + java.util.concurrent.TimeUnit.SECONDS.toNanos(10);
    while (org.slf4j.LoggerFactory.getILoggerFactory()
            instanceof org.slf4j.helpers.SubstituteLoggerFactory
        && System.nanoTime() < until) {
      try {
        Thread.sleep(2);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
    }
  }

  /** {@code shim serve} on its own: the same options, usage and exit codes as in the tree. */
  static CommandLine serveCommandLine() {
    return configure(new CommandLine(new ServeCommand()).setCommandName("shim serve"));
  }

  /** Runs a command line with its output going to the given writers; returns the exit code. */
  public static int run(String[] args, java.io.PrintWriter out, java.io.PrintWriter err) {
    CommandLine commandLine = commandLine();
    commandLine.setOut(out);
    commandLine.setErr(err);
    int exit = commandLine.execute(args);
    out.flush();
    err.flush();
    return exit;
  }

  /** The configured command line, for tests and embedding. */
  public static CommandLine commandLine() {
    return configure(new CommandLine(new ShimCli()));
  }

  private static CommandLine configure(CommandLine commandLine) {
    return commandLine.setUsageHelpAutoWidth(true).setExecutionExceptionHandler(ShimCli::userError);
  }

  /** Our IllegalArgumentExceptions are sentences for the user: print them, exit 1, no trace. */
  private static int userError(
      Exception e, CommandLine commandLine, CommandLine.ParseResult parseResult) throws Exception {
    if (e instanceof IllegalArgumentException) {
      commandLine.getErr().println("error: " + e.getMessage());
      return 1;
    }
    throw e;
  }

  static final class Version implements CommandLine.IVersionProvider {
    @Override
    public String[] getVersion() {
      String version = ShimCli.class.getPackage().getImplementationVersion();
      return new String[] {"shim-runtime " + (version != null ? version : "(development build)")};
    }
  }
}
