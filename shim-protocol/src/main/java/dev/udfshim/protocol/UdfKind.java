package dev.udfshim.protocol;

/**
 * The kinds of UDF the shim serves, as {@code ExtractionResponse.function_kind} and signatures.json
 * spell them (docs/protocol.md, Extraction).
 */
public enum UdfKind {
  /** One value per call. */
  SCALAR,
  /** Any number of rows per call. */
  TABLE
}
