package dev.udfshim.protocol.module;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The Flink client's {@code LOAD MODULE shim WITH (...)} statement as servers print it ({@code
 * serve --all}) and the client reads it: the module's name, the option keys both sides use, and the
 * syntax of an {@code endpoints} entry. The client's options (shim-flink's {@code ShimOptions})
 * take their keys from here.
 */
public final class LoadModule {
  /** The module's identifier in {@code LOAD MODULE}. */
  public static final String MODULE = "shim";

  /** signatures.json files or shim zips, separated by {@value #LIST_SEPARATOR}. */
  public static final String SIGNATURES = "signatures";

  /** {@code <class>/<n>=<addresses>} entries, separated by {@value #LIST_SEPARATOR}. */
  public static final String ENDPOINTS = "endpoints";

  /** A file that holds the bearer token the servers require. */
  public static final String TOKEN_FILE = "auth.token-file";

  /** The bearer token itself (prefer {@link #TOKEN_FILE}: SQL text is often logged). */
  public static final String TOKEN = "auth.token";

  /** Turns TLS on (the JVM's trust store unless {@link #TLS_CA_FILE}). */
  public static final String TLS_ENABLED = "tls.enabled";

  /** PEM file of the CA certificates the servers' certificates are checked against. */
  public static final String TLS_CA_FILE = "tls.ca-file";

  /** PEM certificate chain the client presents (mutual TLS). */
  public static final String TLS_CERT_FILE = "tls.cert-file";

  /** PEM (PKCS#8) private key of {@link #TLS_CERT_FILE}. */
  public static final String TLS_KEY_FILE = "tls.key-file";

  /** The name the servers' certificates must hold, instead of the host an endpoint names. */
  public static final String TLS_AUTHORITY = "tls.authority";

  /** Between the entries of a list option. */
  public static final String LIST_SEPARATOR = ";";

  /** Between the addresses of one endpoint entry. */
  public static final String ADDRESS_SEPARATOR = ",";

  private LoadModule() {}

  /** The key of an endpoint entry: {@code <class>/<n>}. */
  public static String endpointKey(String className, int signature) {
    return className + "/" + signature;
  }

  /**
   * The statement on one line, options in the order given.
   *
   * @param endpoints per {@link #endpointKey}, the addresses ({@code host:port}, several joined
   *     with {@value #ADDRESS_SEPARATOR})
   * @param more further options, e.g. {@link #TOKEN_FILE}
   */
  public static String statement(
      String signatures, Map<String, String> endpoints, Map<String, String> more) {
    List<String> entries = new ArrayList<>();
    endpoints.forEach((key, addresses) -> entries.add(key + "=" + addresses));
    Map<String, String> options = new LinkedHashMap<>();
    options.put(SIGNATURES, signatures);
    options.put(ENDPOINTS, String.join(LIST_SEPARATOR, entries));
    options.putAll(more);
    List<String> pairs = new ArrayList<>();
    options.forEach((key, value) -> pairs.add(quote(key) + " = " + quote(value)));
    return "LOAD MODULE " + MODULE + " WITH (" + String.join(", ", pairs) + ");";
  }

  /** A SQL string literal: single quotes, a quote inside doubled. */
  static String quote(String text) {
    return "'" + text.replace("'", "''") + "'";
  }
}
