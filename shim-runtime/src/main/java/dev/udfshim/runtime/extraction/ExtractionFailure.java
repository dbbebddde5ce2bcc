package dev.udfshim.runtime.extraction;

import io.confluent.flink.udf.extractor.v1.ErrorCode;

/** An extraction that ends in a coded error; the message is what the user reads. */
final class ExtractionFailure extends Exception {
  private static final long serialVersionUID = 1L;
  private final ErrorCode code;

  ExtractionFailure(ErrorCode code, String message) {
    super(message);
    this.code = code;
  }

  ErrorCode code() {
    return code;
  }
}
