package dev.udfshim.runtime.server;

import com.google.protobuf.ByteString;
import dev.udfshim.runtime.handler.Reply;
import io.grpc.Status;
import io.grpc.stub.ServerCallStreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import secure.compute.function.runtime.v2.InvokeResponse;

/**
 * Answers one gRPC call, from whichever thread answers first: a result, a handler failure (status
 * OK, the text as payload and in the trailer {@value
 * dev.udfshim.protocol.transport.Trailer#ERROR_NAME}), or a refusal status.
 */
final class GrpcReply implements Reply {
  private final ServerCallStreamObserver<InvokeResponse> observer;
  private final AtomicReference<String> trailer;
  private final AtomicBoolean done = new AtomicBoolean();

  /** Must be created on the call's own thread, inside its gRPC context. */
  GrpcReply(ServerCallStreamObserver<InvokeResponse> observer) {
    this.observer = observer;
    this.trailer = ErrorTrailer.slot();
  }

  @Override
  public void answer(byte[] payload) {
    if (done.compareAndSet(false, true)) {
      send(payload);
    }
  }

  @Override
  public void fail(String message, Throwable cause) {
    if (done.compareAndSet(false, true)) {
      if (trailer != null) {
        trailer.set(message);
      }
      send(message.getBytes(StandardCharsets.UTF_8));
    }
  }

  @Override
  public void refuse(Refusal refusal, String message) {
    if (done.compareAndSet(false, true)) {
      Status status =
          refusal == Refusal.OVERLOADED ? Status.RESOURCE_EXHAUSTED : Status.UNAVAILABLE;
      try {
        observer.onError(status.withDescription(message).asRuntimeException());
      } catch (RuntimeException e) {
        // the call was cancelled meanwhile: nobody is listening
      }
    }
  }

  private void send(byte[] payload) {
    if (observer.isCancelled()) {
      return;
    }
    try {
      observer.onNext(InvokeResponse.newBuilder().setPayload(ByteString.copyFrom(payload)).build());
      observer.onCompleted();
    } catch (RuntimeException e) {
      // the call was cancelled meanwhile: nobody is listening
    }
  }
}
