package dev.udfshim.runtime.server;

import dev.udfshim.runtime.handler.Call;
import io.grpc.Deadline;
import io.grpc.stub.ServerCallStreamObserver;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

/** One gRPC call as the handlers see it: the client's deadline and whether it gave up. */
final class GrpcCall implements Call {
  private final OptionalLong deadline;
  private final List<Runnable> onCancel = new CopyOnWriteArrayList<>();
  private volatile boolean cancelled;

  /** Must be created on the call's own thread, inside its gRPC context. */
  GrpcCall(ServerCallStreamObserver<?> observer) {
    Deadline grpcDeadline = io.grpc.Context.current().getDeadline();
    this.deadline =
        grpcDeadline == null
            ? OptionalLong.empty()
            : OptionalLong.of(System.nanoTime() + grpcDeadline.timeRemaining(TimeUnit.NANOSECONDS));
    // gRPC cancels the call when the client cancels, its deadline passes, or the server stops.
    observer.setOnCancelHandler(this::cancel);
  }

  private void cancel() {
    cancelled = true;
    onCancel.forEach(Runnable::run);
  }

  @Override
  public OptionalLong deadline() {
    return deadline;
  }

  @Override
  public boolean isCancelled() {
    return cancelled;
  }

  @Override
  public void whenCancelled(Runnable action) {
    onCancel.add(action);
    if (cancelled && onCancel.remove(action)) {
      action.run();
    }
  }
}
