package dev.udfshim.runtime.cli;

import dev.udfshim.protocol.config.ConfigKeys;
import dev.udfshim.protocol.spec.SpecCodec;
import dev.udfshim.protocol.spec.SpecException;
import dev.udfshim.protocol.spec.UdfSpec;
import dev.udfshim.runtime.config.ExecutionOptions;
import dev.udfshim.runtime.config.LogOptions;
import dev.udfshim.runtime.config.Settings;
import dev.udfshim.runtime.fleet.AllServers;
import dev.udfshim.runtime.fleet.ArtifactSignatures;
import dev.udfshim.runtime.handler.ConfigDirContext;
import dev.udfshim.runtime.handler.Context;
import dev.udfshim.runtime.handler.Handler;
import dev.udfshim.runtime.handler.HandlerException;
import dev.udfshim.runtime.handler.HandlerRegistry;
import dev.udfshim.runtime.logging.LogSetup;
import dev.udfshim.runtime.logging.LogText;
import dev.udfshim.runtime.metrics.RowCount;
import dev.udfshim.runtime.metrics.ServerMetrics;
import dev.udfshim.runtime.server.HandlerHost;
import dev.udfshim.runtime.server.ServerProcess;
import dev.udfshim.runtime.server.ShimServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Serves one handler over gRPC until SIGTERM or SIGINT, then drains. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the FunctionRuntime gRPC server with one handler and serves until stopped (SIGTERM,"
          + " Ctrl-C), then drains: health NOT_SERVING, new calls refused, calls in flight finish"
          + " within shim.shutdown.grace, close() runs within shim.shutdown.close.timeout.",
      "Logs one line with the address and handler when listening, one when the handler is open.",
      "With --all, serves every signature of the artifact in this process, one execution server"
          + " per signature on ports from --port upward, and once all are open prints the LOAD"
          + " MODULE statement for Flink SQL on standard output (and writes it to a file the log"
          + " names); one SIGTERM drains them all.",
      "Exit codes: 0 stopped cleanly, 1 could not start, 2 calls cut off or close() hung at"
          + " shutdown, 3 out of memory, 4 another fatal JVM error."
    })
final class ServeCommand implements Callable<Integer> {
  private static final Logger LOG = LoggerFactory.getLogger(ServeCommand.class);

  @Spec CommandSpec spec;

  @Option(
      names = {"--handler_name", "--handler-name"},
      paramLabel = "<name>",
      description =
          "The handler: 'extraction', 'execution', or the class name of a handler. Required"
              + " unless --all (which serves execution).")
  String handlerName;

  @Option(
      names = {"--config_override_dir", "--config-override-dir"},
      paramLabel = "<dir>",
      description =
          "Folder of config vars, one file per var (file name = var name, content = value). Must"
              + " exist; may be empty. Default: no config vars. With --all: vars every signature"
              + " gets on top of its own (no spec_base64 in it).")
  Path configOverrideDir;

  @Option(
      names = "--port",
      defaultValue = "50051",
      description =
          "TCP port; 0 picks a free one. Default: ${DEFAULT-VALUE}. With --all the first"
              + " signature's port, the next ones count up (0: any free ports).")
  int port;

  @Option(
      names = "--host",
      description =
          "Address to bind. Default: 0.0.0.0, every interface, as the platform needs; use"
              + " 127.0.0.1 on a shared machine. With --all the default is 127.0.0.1 (a local"
              + " try), and the printed statement names this host.")
  String host;

  @Option(
      names = "--all",
      description =
          "Serve every signature of the artifact (its signatures.json and scp_config/), one"
              + " execution server per signature, and print the LOAD MODULE statement.")
  boolean all;

  @Option(
      names = "--artifact",
      paramLabel = "<dir>",
      description =
          "With --all: the unzipped shim artifact (or a build's target/shim). Default: the"
              + " artifact this bin/shim belongs to.")
  Path artifact;

  @Option(
      names = "--statement-file",
      paramLabel = "<file>",
      description =
          "With --all: where to write the LOAD MODULE statement. Default: load-module.sql in the"
              + " artifact's folder (a temporary file when that cannot be written).")
  Path statementFile;

  @Option(
      names = "--metrics-port",
      paramLabel = "<port>",
      description =
          "Serve Prometheus metrics (text format, /metrics) on this port of --host; 0 picks a"
              + " free one. Default: config var shim.metrics.port, else none.")
  Integer metricsPort;

  @Option(
      names = "--tls-cert",
      paramLabel = "<pem>",
      description = "Serve TLS with this certificate chain (PEM); needs --tls-key.")
  Path tlsCertificate;

  @Option(
      names = "--tls-key",
      paramLabel = "<pem>",
      description = "The private key (PKCS#8 PEM) of --tls-cert.")
  Path tlsKey;

  @Option(
      names = "--tls-client-ca",
      paramLabel = "<pem>",
      description =
          "Require client certificates signed by this CA (PEM): mutual TLS. Needs --tls-cert.")
  Path tlsClientCa;

  @Option(
      names = "--reflection",
      negatable = true,
      defaultValue = "true",
      fallbackValue = "true",
      description = "Serve gRPC reflection (on by default; --no-reflection turns it off).")
  boolean reflection;

  @Option(
      names = "--log-format",
      paramLabel = "text|json",
      description =
          "Log lines as text, or one JSON object per line. Default: config var"
              + " shim.log.format, else text.")
  String logFormat;

  // For a caller that starts the server in a JVM of its own and must learn its port and never be
  // outlived by it (the Maven plugin's run and invoke); hidden, since nobody types them.
  @Option(
      names = "--port-file",
      hidden = true,
      description = "Write the port into this file once listening.")
  Path portFile;

  @Option(
      names = "--stop-with-stdin",
      hidden = true,
      description = "Drain and stop, as on SIGTERM, when standard input ends.")
  boolean stopWithStdin;

  @Mixin UdfClassPath udfClassPath;

  private final ServerMetrics metrics = new ServerMetrics();

  @Override
  public Integer call() throws IOException, InterruptedException {
    ShimCli.awaitLogging();
    ServerProcess.prepare();
    if (all) {
      return serveAll();
    }
    if (handlerName == null) {
      // A usage error (exit 2), as when the option was required.
      throw new CommandLine.ParameterException(
          spec.commandLine(),
          "Missing required option: '--handler_name=<name>' (or --all, to serve every signature"
              + " of the artifact)");
    }
    ShimServer server;
    try {
      server = start();
      ServerProcess.install(server);
      serveMetrics(server.metricsPort());
      if (portFile != null) {
        writePortFile(server.port());
      }
    } catch (IllegalArgumentException | IOException e) {
      return failedStart(e);
    }
    if (stopWithStdin) {
      stopWhenStdinEnds();
    }
    server.awaitTermination();
    return 0;
  }

  /**
   * A start that failed after the server began to listen (the metrics port, the port file): the
   * exit says so, rather than the drain's code.
   */
  private int failedStart(Exception e) {
    spec.commandLine().getErr().println("error: " + e.getMessage());
    ServerProcess.installFailed();
    return 1;
  }

  /** Every signature of the artifact, then the statement once all are open. */
  private int serveAll() throws InterruptedException {
    AllServers servers;
    try {
      servers = startAll();
      ServerProcess.install(servers.group());
      serveMetrics(servers.group().servers().get(0).metricsPort());
    } catch (IllegalArgumentException | IOException e) {
      return failedStart(e);
    }
    if (stopWithStdin) {
      stopWhenStdinEnds();
    }
    servers.logPorts();
    Map<String, String> failed = servers.awaitOpen();
    failed.forEach(
        (key, why) ->
            LOG.warn("{} did not open; every call to it answers: {}", key, LogText.safe(why)));
    String statement = servers.statement();
    Path file = writeStatement(statement);
    LOG.info(
        "All {} signature(s) are served{}; paste the LOAD MODULE statement below into Flink SQL"
            + " (also in {})",
        servers.ports().size(),
        failed.isEmpty() ? "" : " (" + failed.size() + " answer why they did not open)",
        file);
    spec.commandLine().getOut().println(statement);
    spec.commandLine().getOut().flush();
    if (portFile != null) {
      try {
        writePortFile(servers.group().servers().get(0).port());
      } catch (IOException e) {
        LOG.warn("Cannot write the port file {}: {}", portFile, e.getMessage());
      }
    }
    servers.group().awaitTermination();
    return 0;
  }

  private AllServers startAll() throws IOException {
    if (handlerName != null && !handlerName.equals("execution")) {
      throw new IllegalArgumentException(
          "--all serves the execution handler of every signature; drop --handler_name "
              + handlerName
              + ", or serve that handler without --all.");
    }
    Path root =
        artifact != null
            ? artifact
            : ArtifactSignatures.ofThisRuntime()
                .orElseThrow(
                    () ->
                        new IllegalArgumentException(
                            "--all needs --artifact <dir>: this runtime does not run from an"
                                + " unzipped shim artifact."));
    LogSetup.use(
        logFormat != null
            ? LogSetup.Format.parse(logFormat)
            : configOverrideDir != null && Files.isDirectory(configOverrideDir)
                ? logFormat(new ConfigDirContext(configOverrideDir))
                : LogSetup.Format.TEXT);
    ClassLoader loader = udfClassPath.loader();
    Thread.currentThread().setContextClassLoader(loader);
    ArtifactSignatures signatures = ArtifactSignatures.read(root, loader);
    String bind = host != null ? host : "127.0.0.1";
    return AllServers.start(
        new AllServers.Request(
            signatures,
            configOverrideDir,
            bind,
            advertised(bind),
            port,
            tls(),
            reflection,
            loader,
            metrics));
  }

  /** The host a client reaches a server bound to {@code bind} by: loopback for every interface. */
  static String advertised(String bind) {
    return bind.equals("0.0.0.0") || bind.equals("::") || bind.equals("[::]") ? "127.0.0.1" : bind;
  }

  /** Writes the statement to its file; a folder that cannot be written gets a temporary file. */
  private Path writeStatement(String statement) {
    Path target =
        statementFile != null
            ? statementFile
            : (artifact != null
                    ? artifact
                    : ArtifactSignatures.ofThisRuntime().orElse(Path.of(".")))
                .resolve("load-module.sql");
    try {
      Files.writeString(target, statement + System.lineSeparator());
      return target.toAbsolutePath();
    } catch (IOException e) {
      try {
        Path temporary = Files.createTempFile("shim-load-module-", ".sql");
        Files.writeString(temporary, statement + System.lineSeparator());
        return temporary;
      } catch (IOException again) {
        LOG.warn("Cannot write the statement to {} nor a temporary file: {}", target, e);
        return target;
      }
    }
  }

  /** The metrics port: the option, else the config var's (0: none). */
  private void serveMetrics(int configured) throws IOException {
    if (metricsPort == null && configured == 0) {
      return;
    }
    String bind = host != null ? host : all ? "127.0.0.1" : "0.0.0.0";
    int bound = metrics.serve(bind, metricsPort != null ? metricsPort : configured);
    LOG.info(
        "Metrics (Prometheus text format) on http://{}/metrics",
        AllServers.address(advertised(bind), bound));
  }

  /** Through a sibling and a rename, so a reader never sees half a number. */
  private void writePortFile(int port) throws IOException {
    Path temporary = portFile.resolveSibling(portFile.getFileName() + ".tmp");
    Files.writeString(temporary, String.valueOf(port));
    Files.move(temporary, portFile, StandardCopyOption.REPLACE_EXISTING);
  }

  /** The caller ended, or was killed: the shutdown hook drains as on SIGTERM, same exit codes. */
  private static void stopWhenStdinEnds() {
    Thread watch =
        new Thread(
            () -> {
              try {
                while (System.in.read() >= 0) {
                  // the input carries nothing; only its end counts
                }
              } catch (IOException e) {
                // the caller is gone: the same as the end of input
              }
              System.exit(0);
            },
            "shim-stdin-watch");
    watch.setDaemon(true);
    watch.start();
  }

  ShimServer start() throws IOException {
    if (handlerName == null) {
      throw new IllegalArgumentException(
          "Missing --handler_name: name the handler (extraction or execution), or serve every"
              + " signature of the artifact with --all.");
    }
    Path configDir = configOverrideDir;
    if (configDir != null && !Files.isDirectory(configDir)) {
      throw new IllegalArgumentException(
          "Config override dir " + configDir + " does not exist; create it (it may be empty).");
    }
    Context context = configDir != null ? new ConfigDirContext(configDir) : key -> Optional.empty();
    LogSetup.use(logFormat != null ? LogSetup.Format.parse(logFormat) : logFormat(context));
    ShimServer.Options options =
        new ShimServer.Options(host != null ? host : "0.0.0.0", port, tls(), reflection);
    ClassLoader loader = udfClassPath.loader();
    Thread.currentThread().setContextClassLoader(loader);
    Handler handler = HandlerRegistry.create(handlerName, loader);
    HandlerHost handlerHost = new HandlerHost(handler, context);
    observe(handlerHost, context, configDir);
    return ShimServer.start(options, handlerHost);
  }

  /**
   * Metrics labels: the handler, and for execution the spec's class and the signature index of a
   * config dir laid out as scp_config/<class>/<n> (else the spec's types).
   */
  private void observe(HandlerHost handlerHost, Context context, Path configDir) {
    boolean execution = handlerName.equals("execution");
    if (!execution) {
      handlerHost.observe(metrics.of(handlerName, "", ""), RowCount.ONE);
      return;
    }
    String function = "";
    String signature = "";
    try {
      UdfSpec udf = SpecCodec.fromBase64(context.getConfigValue(ConfigKeys.SPEC_VAR).orElseThrow());
      function = udf.className();
      Path dir = configDir == null ? null : configDir.toAbsolutePath().normalize();
      boolean laidOut =
          dir != null
              && dir.getParent() != null
              && dir.getParent().getFileName().toString().equals(function)
              && dir.getFileName().toString().matches("\\d+");
      signature = laidOut ? dir.getFileName().toString() : udf.describeSignature();
    } catch (SpecException | RuntimeException e) {
      // the handler answers every call why the spec is unusable; the series stay unlabelled
    }
    boolean batched;
    try {
      batched = new Settings(context).get(ExecutionOptions.BATCH);
    } catch (HandlerException e) {
      batched = false;
    }
    handlerHost.observe(metrics.of("execution", function, signature), RowCount.of(batched));
  }

  private static LogSetup.Format logFormat(Context context) {
    try {
      return new Settings(context).get(LogOptions.FORMAT);
    } catch (HandlerException e) {
      throw new IllegalArgumentException(e.getMessage(), e);
    }
  }

  private ShimServer.Tls tls() {
    if (tlsCertificate == null && tlsKey == null && tlsClientCa == null) {
      return null;
    }
    if (tlsCertificate == null || tlsKey == null) {
      throw new IllegalArgumentException(
          "TLS needs both --tls-cert and --tls-key (and --tls-client-ca only for mutual TLS).");
    }
    for (Path file : new Path[] {tlsCertificate, tlsKey, tlsClientCa}) {
      if (file != null && !Files.isReadable(file)) {
        throw new IllegalArgumentException("TLS file " + file + " is not readable.");
      }
    }
    return new ShimServer.Tls(tlsCertificate, tlsKey, tlsClientCa);
  }
}
