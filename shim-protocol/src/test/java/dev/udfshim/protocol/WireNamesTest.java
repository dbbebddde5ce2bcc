package dev.udfshim.protocol;

import static org.assertj.core.api.Assertions.assertThat;

import dev.udfshim.protocol.config.ConfigKeys;
import dev.udfshim.protocol.framing.Framing;
import dev.udfshim.protocol.layout.ShimLayout;
import dev.udfshim.protocol.transport.Trailer;
import org.junit.jupiter.api.Test;

/**
 * The names of the contract as docs/protocol.md, the README and the platform spell them: each is
 * declared once, in shim-protocol, so a change to one shows here first.
 */
class WireNamesTest {
  @Test
  void namesOfTheCallAndItsConfig() {
    assertThat(Trailer.ERROR_NAME).isEqualTo("shim-error");
    assertThat(Trailer.ERROR.name()).isEqualTo("shim-error");
    assertThat(ConfigKeys.SPEC_VAR).isEqualTo("spec_base64");
    assertThat(Framing.BATCH_VAR).isEqualTo("shim.execution.batch");
    assertThat(Framing.BATCH_MAX_ROWS_VAR).isEqualTo("shim.execution.batch.max.rows");
    assertThat(Framing.DEFAULT_BATCH_MAX_ROWS).isEqualTo(4096);
  }

  @Test
  void namesInsideTheShimArtifact() {
    assertThat(ShimLayout.LAUNCHER).isEqualTo("bin/shim");
    assertThat(ShimLayout.LAUNCHER_CMD).isEqualTo("bin/shim.cmd");
    assertThat(ShimLayout.RUNTIME_LIB).isEqualTo("lib/runtime");
    assertThat(ShimLayout.UDF_LIB).isEqualTo("lib/udf");
    assertThat(ShimLayout.SIGNATURES).isEqualTo("signatures.json");
    assertThat(ShimLayout.MANIFEST).isEqualTo("shim-manifest.properties");
    assertThat(ShimLayout.specDirectory("com.example.AddOne", 2))
        .isEqualTo("scp_config/com.example.AddOne/2");
    assertThat(ShimLayout.signatureDirectory("com.example.AddOne", 2))
        .isEqualTo("com.example.AddOne/2");
    assertThat(ShimLayout.specFile("com.example.AddOne", 2))
        .isEqualTo("com.example.AddOne/2/spec_base64");
    assertThat(ShimLayout.Manifest.CLASSPATH_DIGEST).isEqualTo("classpath.digest");
    assertThat(ShimLayout.SERVE_COMMAND)
        .isEqualTo("bin/shim serve --handler_name extraction|execution");
    assertThat(ShimLayout.LOCAL).isEqualTo("local");
    assertThat(ShimLayout.EMPTY_CONFIG).isEqualTo("empty-config");
  }

  @Test
  void configKeysAreFileNamesOfTheFolder() {
    assertThat(ConfigKeys.isKey("db.url-2_x")).isTrue();
    assertThat(ConfigKeys.isKey("spec_base64")).isTrue();
    for (String key : new String[] {"a/b", "", ".", "..", "with space", "../x"}) {
      assertThat(ConfigKeys.isKey(key)).as(key).isFalse();
    }
    assertThat(ConfigKeys.isKey(null)).isFalse();
  }

  @Test
  void jobParametersAreConfigKeysButNotTheSpec() {
    assertThat(ConfigKeys.jobParameterProblem("db.url-2_x")).isEmpty();
    for (String key : new String[] {"a/b", "", ".", "..", "spec_base64", "with space"}) {
      assertThat(ConfigKeys.jobParameterProblem(key))
          .contains(
              "Job parameter '"
                  + key
                  + "' cannot be a config var: use letters, digits, '.', '_' and '-', and not"
                  + " spec_base64.");
    }
  }
}
