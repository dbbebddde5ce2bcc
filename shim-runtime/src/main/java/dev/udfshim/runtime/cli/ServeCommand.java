package dev.udfshim.runtime.cli;

import dev.udfshim.runtime.config.LogOptions;
import dev.udfshim.runtime.config.Settings;
import dev.udfshim.runtime.handler.ConfigDirContext;
import dev.udfshim.runtime.handler.Context;
import dev.udfshim.runtime.handler.Handler;
import dev.udfshim.runtime.handler.HandlerException;
import dev.udfshim.runtime.handler.HandlerRegistry;
import dev.udfshim.runtime.logging.LogSetup;
import dev.udfshim.runtime.server.HandlerHost;
import dev.udfshim.runtime.server.ServerProcess;
import dev.udfshim.runtime.server.ShimServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Optional;
import java.util.concurrent.Callable;
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
      "Exit codes: 0 stopped cleanly, 1 could not start, 2 calls cut off or close() hung at"
          + " shutdown, 3 out of memory, 4 another fatal JVM error."
    })
final class ServeCommand implements Callable<Integer> {
  @Spec CommandSpec spec;

  @Option(
      names = {"--handler_name", "--handler-name"},
      required = true,
      paramLabel = "<name>",
      description = "The handler: 'extraction', 'execution', or the class name of a handler.")
  String handlerName;

  @Option(
      names = {"--config_override_dir", "--config-override-dir"},
      paramLabel = "<dir>",
      description =
          "Folder of config vars, one file per var (file name = var name, content = value). Must"
              + " exist; may be empty. Default: no config vars.")
  Path configOverrideDir;

  @Option(
      names = "--port",
      defaultValue = "50051",
      description = "TCP port; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--host",
      defaultValue = "0.0.0.0",
      description =
          "Address to bind. Default: ${DEFAULT-VALUE}, every interface, as the platform needs;"
              + " use 127.0.0.1 on a shared machine.")
  String host;

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

  @Override
  public Integer call() throws IOException, InterruptedException {
    ShimCli.awaitLogging();
    ShimServer server;
    try {
      server = start();
      if (portFile != null) {
        writePortFile(server.port());
      }
    } catch (IllegalArgumentException | IOException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return 1;
    }
    ServerProcess.install(server);
    if (stopWithStdin) {
      stopWhenStdinEnds();
    }
    server.awaitTermination();
    return 0;
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
    Path configDir = configOverrideDir;
    if (configDir != null && !Files.isDirectory(configDir)) {
      throw new IllegalArgumentException(
          "Config override dir " + configDir + " does not exist; create it (it may be empty).");
    }
    Context context = configDir != null ? new ConfigDirContext(configDir) : key -> Optional.empty();
    LogSetup.use(logFormat != null ? LogSetup.Format.parse(logFormat) : logFormat(context));
    ShimServer.Options options = new ShimServer.Options(host, port, tls(), reflection);
    ClassLoader loader = udfClassPath.loader();
    Thread.currentThread().setContextClassLoader(loader);
    Handler handler = HandlerRegistry.create(handlerName, loader);
    return ShimServer.start(options, new HandlerHost(handler, context));
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
