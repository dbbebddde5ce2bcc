package dev.udfshim.it;

import dev.udfshim.runtime.handler.Context;
import dev.udfshim.runtime.handler.Handler;
import dev.udfshim.runtime.handler.HandlerException;
import java.nio.charset.StandardCharsets;

/** Handlers that fail on purpose, to show the server answers and keeps serving. */
public final class TestHandlers {
  private TestHandlers() {}

  /** Echoes the payload, except "fail", on which it throws with a cause and non-ASCII text. */
  public static final class ThrowOnFail implements Handler {
    @Override
    public byte[] handleRequest(byte[] payload, Context context) {
      if (new String(payload, StandardCharsets.UTF_8).equals("fail")) {
        throw new IllegalStateException(
            "the UDF gave up (größe)", new ArithmeticException("/ by zero"));
      }
      return payload;
    }
  }

  /** Cannot open: every request answers why. */
  public static final class CannotOpen implements Handler {
    @Override
    public void open(Context context) throws HandlerException {
      throw new HandlerException(
          "Config var spec_base64 is not set; write the spec into the config override dir.");
    }

    @Override
    public byte[] handleRequest(byte[] payload, Context context) {
      return payload;
    }
  }

  /** Throws an Error, not an Exception, from open: the server still starts and answers. */
  public static final class ErrorOnOpen implements Handler {
    @Override
    public void open(Context context) {
      throw new AssertionError("invariant broken in open");
    }

    @Override
    public byte[] handleRequest(byte[] payload, Context context) {
      return payload;
    }
  }
}
