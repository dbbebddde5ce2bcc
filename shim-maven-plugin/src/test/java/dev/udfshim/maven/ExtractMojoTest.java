package dev.udfshim.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;

import java.io.File;
import java.util.List;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.junit.jupiter.api.Test;

class ExtractMojoTest extends MojoTesting {

  @Test
  @InjectMojo(goal = "extract")
  void defaults(ExtractMojo mojo) throws Exception {
    assertThat(parameter(mojo, "shimDirectory")).isEqualTo(basedir.resolve("target/shim").toFile());
    assertThat(parameter(mojo, "skip")).isEqualTo(false);
    assertThat(parameter(mojo, "failOnError")).isEqualTo(true);
    assertThat((List<?>) parameter(mojo, "functions")).isNullOrEmpty();
    assertThat(parameter(mojo, "project")).isSameAs(project);
    assertThat(parameter(mojo, "session")).isSameAs(session);
  }

  @Test
  @UserProperty(name = "shim.functions", value = "com.example.A,com.example.B")
  @UserProperty(name = "shim.failOnError", value = "false")
  @UserProperty(name = "shim.directory", value = "/elsewhere/shim")
  @UserProperty(name = "shim.flinkVersion", value = "1.20.3")
  @InjectMojo(goal = "extract")
  void commandLineProperties(ExtractMojo mojo) throws Exception {
    assertThat(parameter(mojo, "flinkVersion")).isEqualTo("1.20.3");
    assertThat(parameter(mojo, "functions")).isEqualTo(List.of("com.example.A", "com.example.B"));
    assertThat(parameter(mojo, "failOnError")).isEqualTo(false);
    assertThat(parameter(mojo, "shimDirectory")).isEqualTo(new File("/elsewhere/shim"));
  }

  @Test
  @UserProperty(name = "shim.skip", value = "true")
  @InjectMojo(goal = "extract")
  void skipLogsOneLineAndTouchesNothing(ExtractMojo mojo) throws Exception {
    logging(mojo).execute();
    assertThat(logged).containsExactly("Skipping shim:extract (shim.skip=true).");
    verifyNoInteractions(session);
  }
}
