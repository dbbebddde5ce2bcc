package dev.udfshim.runtime.server;

import dev.udfshim.runtime.handler.CancellableCall;
import io.grpc.Deadline;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.OptionalLong;
import java.util.concurrent.TimeUnit;

/** One gRPC call as the handlers see it: the client's deadline and whether it gave up. */
final class GrpcCall {
  private GrpcCall() {}

  /** Must be called on the call's own thread, inside its gRPC context. */
  static CancellableCall of(ServerCallStreamObserver<?> observer) {
    Deadline deadline = io.grpc.Context.current().getDeadline();
    CancellableCall call =
        new CancellableCall(
            deadline == null
                ? OptionalLong.empty()
                : OptionalLong.of(
                    System.nanoTime() + deadline.timeRemaining(TimeUnit.NANOSECONDS)));
    // gRPC cancels the call when the client cancels, its deadline passes, or the server stops.
    observer.setOnCancelHandler(call::cancel);
    return call;
  }
}
