package dev.udfshim.protocol.framing;

import dev.udfshim.protocol.codec.CodecException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Control frames on the execution wire, our own extension (docs/protocol.md, *Control frames*): a
 * request whose first byte is {@code 0x02} or above. No one-row request starts so (its first byte
 * is a null flag, {@code 0x00} or {@code 0x01}, or it is empty for a function without arguments),
 * nor does a legacy batch (its int32 row count is far below {@code 0x02000000}), so a server tells
 * them apart by that byte alone. A server that predates them answers a control frame with an error
 * text: the client then knows it speaks one row per call (or the legacy batch framing it was told).
 *
 * <pre>
 * 0x02 DESCRIBE   request: the one byte. Answer: UTF-8 lines key=value (see {@link Description})
 * 0x03 BATCH      request: 0x03, int32 row count N, then N argument tuples ({@link
 *                 Framing#BATCH_FRAME}); answer: int32 N, then each row's answer
 * </pre>
 */
public final class ControlFrames {
  /** The first byte of the describe request. */
  public static final int DESCRIBE = 0x02;

  /** The first byte of a batch frame. */
  public static final int BATCH = 0x03;

  /** The version of this extension a server speaks; it grows when frames are added. */
  public static final int PROTOCOL_VERSION = 1;

  private ControlFrames() {}

  /** Whether a request is a control frame rather than a row or a legacy batch. */
  public static boolean isControl(byte[] payload) {
    return payload.length > 0 && (payload[0] & 0xff) >= DESCRIBE;
  }

  /** The control frame's kind: its first byte. */
  public static int kind(byte[] payload) {
    return payload[0] & 0xff;
  }

  /** The describe request. */
  public static byte[] describeRequest() {
    return new byte[] {DESCRIBE};
  }

  /** The sentence a server answers to a control frame it does not know. */
  public static String unknown(int kind) {
    return String.format(
        "Unknown control frame 0x%02x: this server speaks protocol %d (0x%02x describe, 0x%02x"
            + " batch); update the client or the server so both speak the same frames.",
        kind, PROTOCOL_VERSION, DESCRIBE, BATCH);
  }

  /**
   * What an execution server says about itself.
   *
   * @param protocol the control frames it speaks ({@link #PROTOCOL_VERSION})
   * @param handler {@code execution}
   * @param className the UDF it runs
   * @param signature the signature's index in signatures.json
   * @param argumentTypes the signature's argument types, as serializable strings
   * @param resultType the result type, as a serializable string
   * @param kind {@code SCALAR} or {@code TABLE}
   * @param batches whether it takes {@link #BATCH} frames
   * @param maxRows the most rows one batch may hold
   */
  public record Description(
      int protocol,
      String handler,
      String className,
      int signature,
      List<String> argumentTypes,
      String resultType,
      String kind,
      boolean batches,
      int maxRows) {

    public Description {
      argumentTypes = List.copyOf(argumentTypes);
    }

    /** The answer's bytes: one {@code key=value} line each, argument types numbered. */
    public byte[] encode() {
      StringBuilder text = new StringBuilder();
      line(text, "protocol", protocol);
      line(text, "handler", handler);
      line(text, "class", className);
      line(text, "signature", signature);
      line(text, "arguments", argumentTypes.size());
      for (int i = 0; i < argumentTypes.size(); i++) {
        line(text, "argument." + i, argumentTypes.get(i));
      }
      line(text, "result", resultType);
      line(text, "kind", kind);
      line(text, "batches", batches);
      line(text, "batch.max.rows", maxRows);
      return text.toString().getBytes(StandardCharsets.UTF_8);
    }

    private static void line(StringBuilder text, String key, Object value) {
      text.append(key).append('=').append(value).append('\n');
    }

    /**
     * Reads a describe answer; keys it does not know are skipped (a newer server may add some).
     *
     * @throws CodecException when a key it needs is missing or malformed
     */
    public static Description decode(byte[] answer) throws CodecException {
      Map<String, String> values = new LinkedHashMap<>();
      for (String line : new String(answer, StandardCharsets.UTF_8).split("\n", -1)) {
        int equals = line.indexOf('=');
        if (equals > 0) {
          values.put(line.substring(0, equals), line.substring(equals + 1));
        }
      }
      int arguments = number(values, "arguments");
      List<String> types = new ArrayList<>();
      for (int i = 0; i < arguments; i++) {
        types.add(text(values, "argument." + i));
      }
      return new Description(
          number(values, "protocol"),
          text(values, "handler"),
          text(values, "class"),
          number(values, "signature"),
          types,
          text(values, "result"),
          text(values, "kind"),
          Boolean.parseBoolean(text(values, "batches")),
          number(values, "batch.max.rows"));
    }

    private static String text(Map<String, String> values, String key) throws CodecException {
      String value = values.get(key);
      if (value == null) {
        throw new CodecException("the describe answer has no '" + key + "'");
      }
      return value;
    }

    private static int number(Map<String, String> values, String key) throws CodecException {
      String value = text(values, key);
      try {
        return Integer.parseInt(value);
      } catch (NumberFormatException e) {
        throw new CodecException("the describe answer's '" + key + "' is not a number: " + value);
      }
    }
  }
}
