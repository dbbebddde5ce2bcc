package dev.udfshim.runtime.handler;

import java.time.Duration;

/**
 * A handler that runs calls on threads of its own and answers through a {@link Reply}, so it can
 * bound them: queue, time limits, and replacing what user code left stuck. The server hands each
 * call over without waiting.
 */
public interface AsyncHandler extends Handler {

  /** Takes one call; answers it exactly once through {@code reply}. Must not block. */
  void submit(byte[] payload, Call call, Reply reply);

  /**
   * Stops serving and closes what it opened, also what is still running, within {@code limit};
   * returns whether everything closed in time.
   */
  boolean close(Context context, Duration limit);

  @Override
  default void close(Context context) {
    close(context, Duration.ofSeconds(10));
  }

  /** The one-call form, for embedding and tests: submits and waits for the answer. */
  @Override
  default byte[] handleRequest(byte[] payload, Context context) throws HandlerException {
    BlockingReply reply = new BlockingReply();
    submit(payload, Call.UNBOUNDED, reply);
    return reply.await();
  }
}
