package dev.udfshim.maven.project;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class TestRunnerTest {
  @Test
  void versionsBefore2_22RunNoJUnit5Test() {
    int[] first = {2, 22, 0};
    assertThat(TestRunner.before("2.12.4", first)).isTrue();
    assertThat(TestRunner.before("2.21.0", first)).isTrue();
    assertThat(TestRunner.before("2.22.0", first)).isFalse();
    assertThat(TestRunner.before("2.22.2", first)).isFalse();
    assertThat(TestRunner.before("3.0.0-M5", first)).isFalse();
    assertThat(TestRunner.before("3.5.4", first)).isFalse();
    assertThat(TestRunner.before("${surefire.version}", first)).isFalse();
  }
}
