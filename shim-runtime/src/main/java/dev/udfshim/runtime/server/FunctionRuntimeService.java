package dev.udfshim.runtime.server;

import com.google.protobuf.ByteString;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import secure.compute.function.runtime.v2.FunctionRuntimeGrpc;
import secure.compute.function.runtime.v2.InvokeRequest;
import secure.compute.function.runtime.v2.InvokeResponse;

/**
 * {@code FunctionRuntime/Invoke}: hands the payload to the handler. A handler failure still
 * completes the call with status OK; the payload then holds the error text (UTF-8) and the trailer
 * {@value ErrorTrailer#NAME} marks it, so clients need not guess.
 */
final class FunctionRuntimeService extends FunctionRuntimeGrpc.FunctionRuntimeImplBase {
  private final HandlerHost host;

  FunctionRuntimeService(HandlerHost host) {
    this.host = host;
  }

  @Override
  public void invoke(InvokeRequest request, StreamObserver<InvokeResponse> responses) {
    byte[] payload;
    try {
      payload = host.handle(request.getPayload().toByteArray());
    } catch (HandlerHost.HandlerFailure failure) {
      ErrorTrailer.mark(failure.getMessage());
      payload = failure.getMessage().getBytes(StandardCharsets.UTF_8);
    }
    responses.onNext(InvokeResponse.newBuilder().setPayload(ByteString.copyFrom(payload)).build());
    responses.onCompleted();
  }
}
