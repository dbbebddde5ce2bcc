package dev.udfshim.flink.client;

import dev.udfshim.protocol.module.LoadModule;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import java.io.File;
import java.io.IOException;
import java.io.Serializable;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How the client proves who it talks to and who it is: TLS (a CA file, else the JVM's trust store),
 * a client certificate for mutual TLS, an authority override, and a bearer token (from a file, read
 * when a channel opens, or the option's text).
 *
 * @param tls whether to speak TLS
 * @param caFile PEM CA certificates the servers' certificates must chain to, or null for the JVM's
 * @param certFile PEM certificate chain to present (mutual TLS), or null
 * @param keyFile PEM PKCS#8 key of {@code certFile}, or null
 * @param authority the name the servers' certificates must hold, or null for each endpoint's host
 * @param tokenFile a file holding the bearer token, or null
 * @param token the bearer token itself, or null
 */
public record Security(
    boolean tls,
    String caFile,
    String certFile,
    String keyFile,
    String authority,
    String tokenFile,
    String token)
    implements Serializable {
  private static final long serialVersionUID = 1L;

  /** Plaintext, no token: the default. */
  public static final Security NONE = new Security(false, null, null, null, null, null, null);

  /** The channel credentials; a file that cannot be read is a sentence naming its option. */
  ChannelCredentials credentials() {
    if (!tls) {
      return InsecureChannelCredentials.create();
    }
    TlsChannelCredentials.Builder builder = TlsChannelCredentials.newBuilder();
    if (caFile != null) {
      try {
        builder.trustManager(new File(caFile));
      } catch (IOException | RuntimeException e) {
        throw new RemoteUdfException(unreadable(LoadModule.TLS_CA_FILE, caFile, e), e);
      }
    }
    if (certFile != null) {
      try {
        builder.keyManager(new File(certFile), new File(keyFile));
      } catch (IOException | RuntimeException e) {
        throw new RemoteUdfException(
            unreadable(LoadModule.TLS_CERT_FILE + "' and '" + LoadModule.TLS_KEY_FILE, certFile, e),
            e);
      }
    }
    return builder.build();
  }

  /** The bearer token to send, or null. */
  String bearerToken() {
    if (token != null) {
      return token;
    }
    if (tokenFile == null) {
      return null;
    }
    try {
      String text = Files.readString(Path.of(tokenFile), StandardCharsets.UTF_8).strip();
      if (text.isEmpty()) {
        throw new RemoteUdfException(
            "The token file " + tokenFile + " ('" + LoadModule.TOKEN_FILE + "') is empty.");
      }
      return text;
    } catch (IOException e) {
      throw new RemoteUdfException(unreadable(LoadModule.TOKEN_FILE, tokenFile, e), e);
    }
  }

  private static String unreadable(String option, String file, Exception e) {
    return "Cannot read "
        + file
        + " ('"
        + option
        + "': "
        + e.getMessage()
        + "); point it at a readable PEM file"
        + (option.equals(LoadModule.TOKEN_FILE) ? " holding the token." : ".");
  }

  @Override
  public String toString() {
    // never the token
    return "Security[tls="
        + tls
        + ", authority="
        + authority
        + ", token="
        + (token != null || tokenFile != null)
        + "]";
  }
}
