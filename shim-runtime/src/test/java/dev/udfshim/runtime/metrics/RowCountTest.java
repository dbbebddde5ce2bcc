package dev.udfshim.runtime.metrics;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class RowCountTest {
  @Test
  void oneRowRequestsCountOneControlFramesNone() {
    assertThat(RowCount.of(false).applyAsInt(new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 1})).isEqualTo(1);
    assertThat(RowCount.of(false).applyAsInt(new byte[] {1})).isEqualTo(1);
    assertThat(RowCount.of(false).applyAsInt(new byte[0])).isEqualTo(1);
    assertThat(RowCount.of(false).applyAsInt(new byte[] {2})).isZero();
  }

  @Test
  void aBatchCountsItsLeadingRowCount() {
    assertThat(RowCount.of(true).applyAsInt(new byte[] {0, 0, 1, 0, 1})).isEqualTo(256);
    assertThat(RowCount.of(true).applyAsInt(new byte[] {0, 0})).isZero();
    assertThat(RowCount.of(true).applyAsInt(new byte[] {2})).isZero();
  }

  @Test
  void aBatchFrameCountsItsRowCountWithOrWithoutTheLegacySwitch() {
    byte[] frame = {3, 0, 0, 0, 5, 0, 0, 0, 0, 0, 0, 0, 0, 1};
    assertThat(RowCount.of(false).applyAsInt(frame)).isEqualTo(5);
    assertThat(RowCount.of(true).applyAsInt(frame)).isEqualTo(5);
    assertThat(RowCount.of(false).applyAsInt(new byte[] {3, 0})).isZero();
  }
}
