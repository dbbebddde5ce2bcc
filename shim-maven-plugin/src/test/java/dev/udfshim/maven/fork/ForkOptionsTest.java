package dev.udfshim.maven.fork;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class ForkOptionsTest {

  @Test
  void jvmArgumentsSplitAtSpacesOutsideQuotes() {
    assertThat(ForkOptions.splitArguments(" -Xmx1g  \"-Dname=a b\" -Dempty=\"\" "))
        .containsExactly("-Xmx1g", "-Dname=a b", "-Dempty=");
    assertThat(ForkOptions.splitArguments(null)).isEmpty();
    assertThat(ForkOptions.splitArguments("   ")).isEmpty();
  }

  @Test
  void anUnclosedQuoteIsOneSentence() {
    assertThatThrownBy(() -> ForkOptions.splitArguments("\"-Dx=1"))
        .hasMessage("jvmArguments '\"-Dx=1' has an unclosed double quote; close it.");
  }
}
