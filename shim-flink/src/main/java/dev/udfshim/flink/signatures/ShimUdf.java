package dev.udfshim.flink.signatures;

import java.util.List;

/**
 * One UDF of a signatures.json: its class, kind, determinism and signatures in the file's order.
 *
 * @param source the file it was read from, for messages
 */
public record ShimUdf(
    String className,
    Kind kind,
    boolean deterministic,
    List<ShimSignature> signatures,
    String source) {

  /** The function kinds extraction reports. */
  public enum Kind {
    SCALAR,
    TABLE
  }

  public ShimUdf {
    signatures = List.copyOf(signatures);
  }

  /** The class name without its package: the default SQL name. */
  public String simpleName() {
    return className.substring(className.lastIndexOf('.') + 1);
  }
}
