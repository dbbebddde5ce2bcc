package dev.udfshim.runtime.execution;

import dev.udfshim.protocol.codec.CodecException;
import java.util.HexFormat;

/**
 * A request this server cannot read: one sentence naming the signature it runs and what the payload
 * looked like, since the likely cause is a client calling it for another signature or server.
 */
final class PayloadMismatch {
  /** Bytes of the payload shown; a longer one ends in "...". */
  private static final int SHOWN = 24;

  private PayloadMismatch() {}

  static String describe(byte[] payload, CodecException e, String className, Binding binding) {
    String reason = e.getMessage();
    // The codec's own advice ("; send ...") gives way to the question below.
    int advice = reason.indexOf("; send ");
    if (advice > 0) {
      reason = reason.substring(0, advice);
    }
    if (reason.endsWith(".")) {
      reason = reason.substring(0, reason.length() - 1);
    }
    return "This server runs "
        + className
        + " "
        + binding.spec().describeSignature()
        + ", which the payload of "
        + payload.length
        + " byte(s) ("
        + shown(payload)
        + ") does not fit: "
        + lowerFirst(reason)
        + "; a call for another signature or server?";
  }

  private static String shown(byte[] payload) {
    if (payload.length == 0) {
      return "empty";
    }
    String hex = HexFormat.of().formatHex(payload, 0, Math.min(SHOWN, payload.length));
    return hex + (payload.length > SHOWN ? "..." : "");
  }

  private static String lowerFirst(String text) {
    return text.isEmpty() ? text : Character.toLowerCase(text.charAt(0)) + text.substring(1);
  }
}
