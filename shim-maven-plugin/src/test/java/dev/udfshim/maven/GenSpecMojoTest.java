package dev.udfshim.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.junit.jupiter.api.Test;

class GenSpecMojoTest extends MojoTesting {

  @Test
  @InjectMojo(goal = "gen-spec")
  void defaults(GenSpecMojo mojo) throws Exception {
    assertThat(parameter(mojo, "shimDirectory")).isEqualTo(basedir.resolve("target/shim").toFile());
    assertThat((String) parameter(mojo, "pluginId")).isNullOrEmpty();
    assertThat(parameter(mojo, "skip")).isEqualTo(false);
  }

  @Test
  @UserProperty(name = "shim.pluginId", value = "plugin-7")
  @InjectMojo(goal = "gen-spec")
  void commandLineProperties(GenSpecMojo mojo) throws Exception {
    assertThat(parameter(mojo, "pluginId")).isEqualTo("plugin-7");
  }

  @Test
  @UserProperty(name = "shim.skip", value = "true")
  @InjectMojo(goal = "gen-spec")
  void skipLogsOneLineAndTouchesNothing(GenSpecMojo mojo) throws Exception {
    logging(mojo).execute();
    assertThat(logged).containsExactly("Skipping shim:gen-spec (shim.skip=true).");
    verifyNoInteractions(session);
  }
}
