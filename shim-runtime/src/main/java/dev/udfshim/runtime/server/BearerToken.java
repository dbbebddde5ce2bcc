package dev.udfshim.runtime.server;

import dev.udfshim.runtime.config.ServerOptions;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;

/**
 * Lets a call through only with the header {@code authorization: Bearer <token>}: a call without
 * it, or with another token, is closed with {@code UNAUTHENTICATED} before the handler sees it, so
 * no user code runs for it. Tokens are compared as SHA-256 digests with {@link
 * MessageDigest#isEqual}: the time taken says nothing of how much of a guess was right, nor of the
 * token's length.
 */
final class BearerToken implements ServerInterceptor {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private static final String BEARER = "Bearer ";

  static final String MISSING =
      "This server takes calls with a bearer token only (header 'authorization: Bearer <token>');"
          + " give the client the server's token (shim-flink: 'auth.token-file').";
  static final String WRONG =
      "The bearer token is not this server's; give the client the token of "
          + ServerOptions.TOKEN.key()
          + " or "
          + ServerOptions.TOKEN_FILE.key()
          + " (shim-flink: 'auth.token-file').";

  private final byte[] expected;
  private final Runnable onRefused;

  /**
   * @param onRefused counts a refused call (metrics)
   */
  BearerToken(String token, Runnable onRefused) {
    this.expected = digest(token);
    this.onRefused = onRefused;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    String header = headers.get(AUTHORIZATION);
    String problem = null;
    if (header == null || !header.regionMatches(true, 0, BEARER, 0, BEARER.length())) {
      problem = MISSING;
    } else if (!MessageDigest.isEqual(
        expected, digest(header.substring(BEARER.length()).strip()))) {
      problem = WRONG;
    }
    if (problem == null) {
      return next.startCall(call, headers);
    }
    onRefused.run();
    call.close(Status.UNAUTHENTICATED.withDescription(problem), new Metadata());
    return new ServerCall.Listener<>() {};
  }

  private static byte[] digest(String token) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(token.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JVM has SHA-256", e);
    }
  }
}
