package dev.udfshim.runtime.handler;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;

/** A {@link Reply} that one thread waits on: the payload, or the failure as an exception. */
public final class BlockingReply implements Reply {
  private final CompletableFuture<byte[]> answer = new CompletableFuture<>();

  @Override
  public void answer(byte[] payload) {
    answer.complete(payload);
  }

  @Override
  public void fail(String message, Throwable cause) {
    answer.completeExceptionally(new HandlerException(message, cause));
  }

  @Override
  public void refuse(Refusal refusal, String message) {
    answer.completeExceptionally(new HandlerException(message));
  }

  /** Waits for the answer; a failure or refusal is thrown with its text. */
  public byte[] await() throws HandlerException {
    try {
      return answer.get();
    } catch (ExecutionException e) {
      throw (HandlerException) e.getCause();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new HandlerException("Interrupted while waiting for the answer.");
    }
  }
}
