package dev.udfshim.flink.client;

import dev.udfshim.protocol.module.LoadModule;
import io.grpc.Status;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

/**
 * What went wrong between client and server, in one sentence with the fix: an untrusted server
 * certificate, a certificate for another name, a client certificate missing or refused, TLS on one
 * side only, or a missing or wrong bearer token. Null when the failure is none of these.
 */
final class TransportFailure {
  private static final int PROBE_MILLIS = 2000;

  private TransportFailure() {}

  static String explain(Status status, String target, Security security, Endpoints endpoints) {
    if (status.getCode() == Status.Code.UNAUTHENTICATED) {
      return target
          + " refused the call: "
          + status.getDescription()
          + (security.token() == null && security.tokenFile() == null
              ? " Set '" + LoadModule.TOKEN_FILE + "' to a file holding the servers' token."
              : " Check '" + LoadModule.TOKEN_FILE + "' against the servers' token.");
    }
    if (status.getCode() != Status.Code.UNAVAILABLE) {
      return null;
    }
    String causes = causes(status);
    if (security.tls()) {
      if (causes.contains("pkix path") || causes.contains("unable to find valid certification")) {
        return "The certificate of "
            + target
            + " is not signed by a CA this client trusts; set '"
            + LoadModule.TLS_CA_FILE
            + "' to the PEM file of the CA that signed the servers' certificates.";
      }
      if (causes.contains("no subject alternative")
          || causes.contains("no name matching")
          || causes.contains("hostname")) {
        return "The certificate of "
            + target
            + " does not name the host the endpoint names ("
            + firstCause(status)
            + "); call the servers by a name their certificate holds, or set '"
            + LoadModule.TLS_AUTHORITY
            + "' to one.";
      }
      if (causes.contains("certificate_required")
          || (security.certFile() == null && causes.contains("bad_certificate"))) {
        return target
            + " requires a client certificate (mutual TLS); set '"
            + LoadModule.TLS_CERT_FILE
            + "' and '"
            + LoadModule.TLS_KEY_FILE
            + "' to a certificate its client CA signed and its key.";
      }
      if (causes.contains("bad_certificate")
          || causes.contains("unknown_ca")
          || causes.contains("certificate_unknown")) {
        return target
            + " does not accept the client certificate of '"
            + LoadModule.TLS_CERT_FILE
            + "'; use one signed by the CA the servers' --tls-client-ca names.";
      }
      if (causes.contains("not an ssl/tls record")
          || causes.contains("unrecognized ssl message")
          || causes.contains("plaintext connection")) {
        return target
            + " speaks plaintext, but this client speaks TLS; drop the 'tls.*' options, or start"
            + " the servers with --tls-cert and --tls-key.";
      }
      return null;
    }
    if (speaksTls(endpoints)) {
      return target
          + " speaks TLS, but this client speaks plaintext; set '"
          + LoadModule.TLS_ENABLED
          + "' = 'true' and '"
          + LoadModule.TLS_CA_FILE
          + "' to the CA that signed the servers' certificates.";
    }
    return null;
  }

  /** Every message of the status and its causes, lower case, for matching. */
  private static String causes(Status status) {
    StringBuilder text = new StringBuilder(String.valueOf(status.getDescription()));
    for (Throwable t = status.getCause(); t != null; t = t.getCause() == t ? null : t.getCause()) {
      text.append(' ').append(t.getClass().getSimpleName()).append(' ').append(t.getMessage());
    }
    return text.toString().toLowerCase(Locale.ROOT);
  }

  private static String firstCause(Status status) {
    Throwable root = status.getCause();
    while (root != null && root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    return root == null ? String.valueOf(status.getDescription()) : root.getMessage();
  }

  /**
   * Whether the first listed server completes a TLS handshake (any certificate accepted: this only
   * asks which protocol it speaks, and sends nothing else). DNS targets are not probed.
   */
  static boolean speaksTls(Endpoints endpoints) {
    if (endpoints.addresses().isEmpty()) {
      return false;
    }
    Endpoint endpoint = endpoints.addresses().get(0);
    // A second try: a connection the server resets mid-handshake (it has just closed the client's)
    // says nothing about the protocol it speaks.
    for (int attempt = 0; attempt < 2; attempt++) {
      if (handshakes(endpoint)) {
        return true;
      }
    }
    return false;
  }

  private static boolean handshakes(Endpoint endpoint) {
    try {
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, new TrustManager[] {new AcceptAny()}, null);
      try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket()) {
        socket.connect(new InetSocketAddress(endpoint.host(), endpoint.port()), PROBE_MILLIS);
        socket.setSoTimeout(PROBE_MILLIS);
        SSLParameters parameters = socket.getSSLParameters();
        parameters.setApplicationProtocols(new String[] {"h2"}); // gRPC's servers insist on it
        socket.setSSLParameters(parameters);
        socket.startHandshake();
        return true;
      } catch (SSLHandshakeException e) {
        // A TLS alert from the server (e.g. it wants a client certificate) is TLS spoken; bytes
        // that are no TLS record are not.
        String message = String.valueOf(e.getMessage()).toLowerCase(Locale.ROOT);
        return message.contains("alert") && !message.contains("unrecognized");
      }
    } catch (IOException | java.security.GeneralSecurityException | RuntimeException e) {
      return false;
    }
  }

  /** Accepts any server certificate: the probe only asks whether TLS is spoken. */
  private static final class AcceptAny implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
