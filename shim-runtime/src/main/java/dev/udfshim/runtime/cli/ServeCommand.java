package dev.udfshim.runtime.cli;

import dev.udfshim.runtime.handler.ConfigDirContext;
import dev.udfshim.runtime.handler.Context;
import dev.udfshim.runtime.handler.Handler;
import dev.udfshim.runtime.handler.HandlerRegistry;
import dev.udfshim.runtime.server.HandlerHost;
import dev.udfshim.runtime.server.ShimServer;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Serves one handler over gRPC until interrupted. */
@Command(
    name = "serve",
    mixinStandardHelpOptions = true,
    description = {
      "Starts the FunctionRuntime gRPC server with one handler and serves until stopped (Ctrl-C).",
      "Logs one line with the address and handler when ready."
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
      description = "TCP port to listen on; 0 picks a free one. Default: ${DEFAULT-VALUE}.")
  int port;

  @Option(
      names = "--host",
      defaultValue = "0.0.0.0",
      description = "Address to bind. Default: ${DEFAULT-VALUE} (all interfaces).")
  String host;

  @Mixin UdfClassPath udfClassPath;

  @Override
  public Integer call() throws IOException, InterruptedException {
    ShimServer server;
    try {
      server = start();
    } catch (IllegalArgumentException | IOException e) {
      spec.commandLine().getErr().println("error: " + e.getMessage());
      return 1;
    }
    Runtime.getRuntime().addShutdownHook(new Thread(server::close, "shim-shutdown"));
    server.awaitTermination();
    return 0;
  }

  ShimServer start() throws IOException {
    Path configDir = configOverrideDir;
    if (configDir != null && !Files.isDirectory(configDir)) {
      throw new IllegalArgumentException(
          "Config override dir " + configDir + " does not exist; create it (it may be empty).");
    }
    ClassLoader loader = udfClassPath.loader();
    Thread.currentThread().setContextClassLoader(loader);
    Handler handler = HandlerRegistry.create(handlerName, loader);
    Context context = configDir != null ? new ConfigDirContext(configDir) : key -> Optional.empty();
    return ShimServer.start(host, port, new HandlerHost(handler, context));
  }
}
