package dev.udfshim.runtime.server;

import dev.udfshim.runtime.handler.Call;
import dev.udfshim.runtime.handler.Reply;
import dev.udfshim.runtime.metrics.CallMetrics;
import java.util.concurrent.atomic.AtomicBoolean;

/** Records one call's outcome and latency once: its first answer, failure, refusal or cancel. */
final class MeteredReply implements Reply {
  private final Reply reply;
  private final CallMetrics metrics;
  private final long started;
  private final AtomicBoolean ended = new AtomicBoolean();

  MeteredReply(Reply reply, CallMetrics metrics, int rows, Call call) {
    this.reply = reply;
    this.metrics = metrics;
    this.started = metrics.started(rows);
    call.whenCancelled(() -> end(CallMetrics.Failure.CANCELLED));
  }

  private void end(CallMetrics.Failure failure) {
    if (ended.compareAndSet(false, true)) {
      metrics.ended(started, failure);
    }
  }

  @Override
  public void answer(byte[] payload) {
    end(null);
    reply.answer(payload);
  }

  @Override
  public void fail(String message, Throwable cause) {
    end(CallMetrics.Failure.ERROR);
    reply.fail(message, cause);
  }

  @Override
  public void refuse(Refusal refusal, String message) {
    end(
        refusal == Refusal.OVERLOADED
            ? CallMetrics.Failure.OVERLOADED
            : CallMetrics.Failure.UNAVAILABLE);
    reply.refuse(refusal, message);
  }
}
