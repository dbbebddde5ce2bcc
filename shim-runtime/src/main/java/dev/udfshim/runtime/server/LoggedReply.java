package dev.udfshim.runtime.server;

import dev.udfshim.runtime.handler.Reply;
import dev.udfshim.runtime.logging.FailureLog;
import dev.udfshim.runtime.logging.LogText;

/** A reply whose failures and refusals are logged, at the rate the failure log keeps. */
final class LoggedReply implements Reply {
  private final Reply reply;
  private final FailureLog failures;

  LoggedReply(Reply reply, FailureLog failures) {
    this.reply = reply;
    this.failures = failures;
  }

  @Override
  public void answer(byte[] payload) {
    reply.answer(payload);
  }

  @Override
  public void fail(String message, Throwable cause) {
    failures.failed(key(message, cause), "Call failed: " + LogText.safe(message), cause);
    reply.fail(message, cause);
  }

  @Override
  public void refuse(Refusal refusal, String message) {
    failures.failed("refused " + refusal, "Call refused: " + LogText.safe(message), null);
    reply.refuse(refusal, message);
  }

  /** Failures of one kind: the same exception thrown at the same place, or the same text. */
  private static String key(String message, Throwable cause) {
    if (cause == null) {
      return message.length() > 80 ? message.substring(0, 80) : message;
    }
    StackTraceElement[] frames = cause.getStackTrace();
    return cause.getClass().getName() + "@" + (frames.length > 0 ? frames[0] : "?");
  }
}
