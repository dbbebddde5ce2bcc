package dev.udfshim.runtime.server;

import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import secure.compute.function.runtime.v2.FunctionRuntimeGrpc;
import secure.compute.function.runtime.v2.InvokeRequest;
import secure.compute.function.runtime.v2.InvokeResponse;

/**
 * {@code FunctionRuntime/Invoke}: hands the payload, the call's deadline and a way to answer to the
 * handler host, on the transport thread and without waiting; the host decides where it runs.
 */
final class FunctionRuntimeService extends FunctionRuntimeGrpc.FunctionRuntimeImplBase {
  private final HandlerHost host;

  FunctionRuntimeService(HandlerHost host) {
    this.host = host;
  }

  @Override
  public void invoke(InvokeRequest request, StreamObserver<InvokeResponse> responses) {
    ServerCallStreamObserver<InvokeResponse> observer =
        (ServerCallStreamObserver<InvokeResponse>) responses;
    host.dispatch(
        request.getPayload().toByteArray(), GrpcCall.of(observer), new GrpcReply(observer));
  }
}
