package dev.udfshim.maven;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

class JobParameterKeyTest {
  @Test
  void keysTheRuntimeReadsAsConfigVarsPass() {
    assertThatCode(() -> AbstractLocalMojo.checkJobParameterKey("db.url-2_x"))
        .doesNotThrowAnyException();
  }

  @Test
  void otherKeysAreRefusedWithTheRule() {
    for (String key : new String[] {"a/b", "", ".", "..", "spec_base64", "with space"}) {
      assertThatThrownBy(() -> AbstractLocalMojo.checkJobParameterKey(key))
          .isInstanceOf(MojoFailureException.class)
          .hasMessage(
              "Job parameter '"
                  + key
                  + "' cannot be a config var: use letters, digits, '.', '_' and '-', and not"
                  + " spec_base64.");
    }
  }
}
