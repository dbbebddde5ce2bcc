package dev.udfshim.runtime.server;

import dev.udfshim.protocol.transport.Trailer;
import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Adds the trailer {@value Trailer#ERROR_NAME} to calls whose handler failed, holding the error
 * text as printable ASCII (at most {@value #MAX_LENGTH} characters; the payload has it in full).
 */
public final class ErrorTrailer implements ServerInterceptor {
  static final int MAX_LENGTH = 1024;

  private static final Context.Key<AtomicReference<String>> FAILURE =
      Context.key("shim-handler-failure");

  /**
   * Where the current call's failure text goes, read on the call's own thread: any thread that
   * answers the call later sets it before completing.
   */
  static AtomicReference<String> slot() {
    return FAILURE.get();
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(
      ServerCall<Q, R> call, Metadata headers, ServerCallHandler<Q, R> next) {
    AtomicReference<String> slot = new AtomicReference<>();
    ServerCall<Q, R> marking =
        new ForwardingServerCall.SimpleForwardingServerCall<>(call) {
          @Override
          public void close(Status status, Metadata trailers) {
            String failure = slot.get();
            if (failure != null) {
              trailers.put(Trailer.ERROR, ascii(failure));
            }
            super.close(status, trailers);
          }
        };
    return Contexts.interceptCall(
        Context.current().withValue(FAILURE, slot), marking, headers, next);
  }

  static String ascii(String text) {
    StringBuilder out = new StringBuilder(Math.min(text.length(), MAX_LENGTH));
    for (int i = 0; i < text.length() && out.length() < MAX_LENGTH; i++) {
      char c = text.charAt(i);
      out.append(c >= 0x20 && c < 0x7f ? c : (c == '\n' || c == '\r' || c == '\t' ? ' ' : '?'));
    }
    return out.toString().strip();
  }
}
