package dev.udfshim.runtime.extraction;

import io.confluent.flink.udf.extractor.v1.ErrorCode;

/** An extraction that ends in a coded error; the message is what the user reads. */
public final class ExtractionException extends Exception {
  private static final long serialVersionUID = 1L;
  private final ErrorCode code;

  ExtractionException(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  public ErrorCode code() {
    return code;
  }
}
