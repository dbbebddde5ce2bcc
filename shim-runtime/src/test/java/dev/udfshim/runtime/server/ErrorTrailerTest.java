package dev.udfshim.runtime.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ErrorTrailerTest {
  @Test
  void trailerTextIsPrintableAsciiAndBounded() {
    assertThat(ErrorTrailer.ascii("bad\nvalue: é\u0001")).isEqualTo("bad value: ??");
    assertThat(ErrorTrailer.ascii("x".repeat(5000))).hasSize(ErrorTrailer.MAX_LENGTH);
  }
}
