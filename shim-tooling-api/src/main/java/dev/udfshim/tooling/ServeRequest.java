package dev.udfshim.tooling;

import java.nio.file.Path;

/**
 * A server of one handler on this machine, in a JVM the caller starts and ends. It stops as on
 * SIGTERM (draining) when its standard input ends, so it never outlives its caller.
 *
 * @param handler {@code extraction} or {@code execution}
 * @param configDirectory its config override dir
 * @param host the address to bind
 * @param port the port; 0 for any free one
 * @param portFile where the server writes its port once it listens, or null
 * @param artifact a folder laid out as the shim artifact (signatures file and one config dir per
 *     signature): serve every signature of it, from {@code port} upward, instead of one handler; or
 *     null
 */
public record ServeRequest(
    String handler, Path configDirectory, String host, int port, Path portFile, Path artifact) {

  /** One handler. */
  public ServeRequest(String handler, Path configDirectory, String host, int port, Path portFile) {
    this(handler, configDirectory, host, port, portFile, null);
  }
}
