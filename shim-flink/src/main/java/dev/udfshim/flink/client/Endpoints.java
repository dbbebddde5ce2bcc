package dev.udfshim.flink.client;

import dev.udfshim.protocol.module.LoadModule;
import java.io.Serializable;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * The servers of one signature, as an {@code endpoints} entry names them: one {@code host:port},
 * several separated by {@value LoadModule#ADDRESS_SEPARATOR}, or a DNS name whose addresses are the
 * servers ({@code dns:///shim.ns.svc:50051}, a Kubernetes headless Service). Calls are spread over
 * the servers that are ready (round robin), and a call a server could not take is sent again to
 * another.
 *
 * @param addresses the listed servers; empty for a DNS name
 * @param dns the DNS target ({@code dns:///host:port}), or null for a list
 */
public record Endpoints(List<Endpoint> addresses, String dns) implements Serializable {
  private static final long serialVersionUID = 1L;

  public Endpoints {
    addresses = List.copyOf(addresses);
  }

  /** One server. */
  public static Endpoints of(Endpoint endpoint) {
    return new Endpoints(List.of(endpoint), null);
  }

  /**
   * Parses {@code host:port}, {@code host1:port,host2:port} or {@code dns:///host:port}.
   *
   * @throws IllegalArgumentException with a sentence that says what is wrong
   */
  public static Endpoints parse(String text) {
    String value = text.strip();
    if (value.startsWith("dns:")) {
      return new Endpoints(List.of(), dns(value));
    }
    List<Endpoint> list = new ArrayList<>();
    Set<Endpoint> seen = new LinkedHashSet<>();
    for (String part : value.split(LoadModule.ADDRESS_SEPARATOR, -1)) {
      Endpoint endpoint = Endpoint.parse(part);
      if (!seen.add(endpoint)) {
        throw new IllegalArgumentException("'" + text + "' lists " + endpoint + " twice");
      }
      list.add(endpoint);
    }
    return new Endpoints(list, null);
  }

  private static String dns(String text) {
    URI uri;
    try {
      uri = new URI(text);
    } catch (URISyntaxException e) {
      uri = null;
    }
    String path = uri == null || uri.getPath() == null ? "" : uri.getPath();
    if (uri == null || !path.startsWith("/") || path.length() < 2) {
      throw new IllegalArgumentException(
          "'"
              + text
              + "' is not a DNS target; write dns:///<name>:<port>, e.g."
              + " dns:///shim.udfs.svc.cluster.local:50051");
    }
    Endpoint.parse(path.substring(1)); // a port, and brackets around IPv6
    return text;
  }

  /**
   * The gRPC target: grpc-java's DNS resolver, or this client's resolver of a fixed list.
   *
   * @param oneAuthority the channel overrides the authority for every server
   */
  String target(boolean oneAuthority) {
    return dns != null ? dns : StaticResolver.target(addresses, oneAuthority);
  }

  /** Whether there may be several servers: a list of more than one, or a DNS name. */
  boolean several() {
    return dns != null || addresses.size() > 1;
  }

  /** A port the servers listen on, for the hint that starts one. */
  public int port() {
    if (dns == null) {
      return addresses.get(0).port();
    }
    String path = URI.create(dns).getPath();
    return Endpoint.parse(path.substring(1)).port();
  }

  @Override
  public String toString() {
    if (dns != null) {
      return dns;
    }
    List<String> parts = new ArrayList<>();
    addresses.forEach(a -> parts.add(a.toString()));
    return String.join(LoadModule.ADDRESS_SEPARATOR, parts);
  }
}
