package dev.udfshim.flink.client;

import com.google.protobuf.ByteString;
import dev.udfshim.protocol.transport.Trailer;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.Metadata;
import io.grpc.Status;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import secure.compute.function.runtime.v2.FunctionRuntimeGrpc;
import secure.compute.function.runtime.v2.InvokeRequest;
import secure.compute.function.runtime.v2.InvokeResponse;

/**
 * Invoke calls to one signature's execution server. An answer with the trailer {@value
 * Trailer#ERROR_NAME} is the server's error text (the UDF's own message); it and every failed call
 * complete the future with a {@link RemoteUdfException} whose message says what happened and what
 * to do.
 */
public final class RemoteCall {
  private final Channel channel;
  private final String target;
  private final String startHint;
  private final CallSettings settings;
  private final Endpoints endpoints;
  private final Security security;
  private final ClientMetrics metrics;

  /**
   * @param target what the calls reach, for messages: "com.example.AddOne signature 0 at host:port"
   * @param startHint how to start that server, for the message when it cannot be reached
   */
  public RemoteCall(Channel channel, String target, String startHint, CallSettings settings) {
    this(channel, target, startHint, settings, null, Security.NONE, ClientMetrics.NONE);
  }

  /**
   * @param endpoints the servers, probed when a failure may be TLS on one side only
   * @param security the channel's TLS and token settings, for the sentences of their failures
   * @param metrics where calls, rows, errors and latency are counted
   */
  public RemoteCall(
      Channel channel,
      String target,
      String startHint,
      CallSettings settings,
      Endpoints endpoints,
      Security security,
      ClientMetrics metrics) {
    this.channel = channel;
    this.target = target;
    this.startHint = startHint;
    this.settings = settings;
    this.endpoints = endpoints;
    this.security = security;
    this.metrics = metrics;
  }

  /** Sends one payload; the future holds the answer's payload, or fails with a sentence. */
  // the cancel hook only cancels the call; answer carries the outcome
  @SuppressWarnings("FutureReturnValueIgnored")
  public CompletableFuture<byte[]> invoke(byte[] payload) {
    CompletableFuture<byte[]> answer = new CompletableFuture<>();
    long started = metrics.started(payload);
    ClientCall<InvokeRequest, InvokeResponse> call =
        channel.newCall(
            FunctionRuntimeGrpc.getInvokeMethod(),
            metrics.traced(
                CallOptions.DEFAULT.withDeadlineAfter(
                    settings.timeout().toNanos(), TimeUnit.NANOSECONDS)));
    call.start(
        new ClientCall.Listener<>() {
          private InvokeResponse response;

          @Override
          public void onMessage(InvokeResponse message) {
            response = message;
          }

          @Override
          public void onClose(Status status, Metadata trailers) {
            metrics.ended(started, !status.isOk() || trailers.containsKey(Trailer.ERROR));
            if (!status.isOk()) {
              answer.completeExceptionally(failure(status, payload.length));
            } else if (response == null) {
              answer.completeExceptionally(
                  new RemoteUdfException(target + " closed the call without an answer."));
            } else if (trailers.containsKey(Trailer.ERROR)) {
              answer.completeExceptionally(
                  RemoteUdfException.answered(
                      response.getPayload().toString(StandardCharsets.UTF_8)
                          + " ("
                          + target
                          + ")"));
            } else {
              answer.complete(response.getPayload().toByteArray());
            }
          }
        },
        new Metadata());
    call.request(1);
    call.sendMessage(InvokeRequest.newBuilder().setPayload(ByteString.copyFrom(payload)).build());
    call.halfClose();
    // Cancelling the future (the task stops) cancels the call.
    answer.whenComplete(
        (bytes, error) -> {
          if (answer.isCancelled()) {
            call.cancel("cancelled by the Flink task", null);
          }
        });
    return answer;
  }

  private RemoteUdfException failure(Status status, int bytes) {
    String explained =
        endpoints == null ? null : TransportFailure.explain(status, target, security, endpoints);
    if (explained != null) {
      return new RemoteUdfException(explained, status.asRuntimeException());
    }
    String description =
        status.getCode() + (status.getDescription() == null ? "" : ": " + status.getDescription());
    String message =
        switch (status.getCode()) {
          case UNAVAILABLE ->
              "Cannot reach "
                  + target
                  + " after "
                  + settings.maxAttempts()
                  + " attempt(s) ("
                  + description
                  + "); start it ("
                  + startHint
                  + ") or fix 'endpoints'.";
          case DEADLINE_EXCEEDED ->
              target
                  + " did not answer within "
                  + human(settings.timeout())
                  + " ('call.timeout'); the UDF may hang, or needs a longer 'call.timeout'.";
          case RESOURCE_EXHAUSTED ->
              target
                  + " refused a call of "
                  + bytes
                  + " bytes ("
                  + description
                  + "): its queue is full or the call or answer is over the 4 MiB message limit;"
                  + " lower 'async.max-in-flight' or 'batch.size'.";
          case CANCELLED -> "The call to " + target + " was cancelled (" + description + ").";
          default -> "The call to " + target + " failed (" + description + ").";
        };
    return new RemoteUdfException(message, status.asRuntimeException());
  }

  private static String human(Duration duration) {
    return duration.toMillis() % 1000 == 0
        ? duration.toSeconds() + " s"
        : duration.toMillis() + " ms";
  }
}
