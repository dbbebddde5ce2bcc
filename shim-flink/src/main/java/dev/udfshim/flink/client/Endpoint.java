package dev.udfshim.flink.client;

import java.io.Serializable;

/** Where one execution server listens: {@code host:port}, {@code [::1]:port} for IPv6. */
public record Endpoint(String host, int port) implements Serializable {
  private static final long serialVersionUID = 1L;

  /**
   * Parses {@code host:port}.
   *
   * @throws IllegalArgumentException with a sentence that says what is wrong
   */
  public static Endpoint parse(String text) {
    String value = text.strip();
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new IllegalArgumentException("'" + text + "' is not host:port (e.g. localhost:50051)");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    } else if (host.contains(":")) {
      throw new IllegalArgumentException(
          "'" + text + "' has an IPv6 host without brackets; write [" + host + "]:port");
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      port = -1;
    }
    if (port < 1 || port > 65535) {
      throw new IllegalArgumentException(
          "'" + text + "' has port " + value.substring(colon + 1) + "; use 1 to 65535");
    }
    return new Endpoint(host, port);
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
