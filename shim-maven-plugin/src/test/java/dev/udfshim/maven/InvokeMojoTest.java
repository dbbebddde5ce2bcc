package dev.udfshim.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.verifyNoInteractions;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

class InvokeMojoTest extends MojoTesting {

  @Test
  @InjectMojo(goal = "invoke")
  void defaults(InvokeMojo mojo) throws Exception {
    assertThat((String) parameter(mojo, "args")).isNullOrEmpty();
    assertThat(parameter(mojo, "extract")).isEqualTo(false);
    assertThat(parameter(mojo, "target")).isNull();
    assertThat(parameter(mojo, "function")).isNull();
    assertThat(parameter(mojo, "workingDirectory")).isEqualTo(basedir.toFile());
  }

  @Test
  @UserProperty(name = "args", value = "1,2")
  @UserProperty(name = "extract", value = "true")
  @UserProperty(name = "target", value = "localhost:50051")
  @UserProperty(name = "function", value = "com.example.AddOne")
  @UserProperty(name = "signature", value = "0")
  @InjectMojo(goal = "invoke")
  void commandLineProperties(InvokeMojo mojo) throws Exception {
    assertThat(parameter(mojo, "args")).isEqualTo("1,2");
    assertThat(parameter(mojo, "extract")).isEqualTo(true);
    assertThat(parameter(mojo, "target")).isEqualTo("localhost:50051");
    assertThat(parameter(mojo, "function")).isEqualTo("com.example.AddOne");
    assertThat(parameter(mojo, "signature")).isEqualTo(0);
  }

  @Test
  @UserProperty(name = "shim.skip", value = "true")
  @InjectMojo(goal = "invoke")
  void skipLogsOneLineAndTouchesNothing(InvokeMojo mojo) throws Exception {
    logging(mojo).execute();
    assertThat(logged).containsExactly("Skipping shim:invoke (shim.skip=true).");
    verifyNoInteractions(session);
  }

  @Test
  @UserProperty(name = "shim.jobParameters", value = "a=1,=2")
  @InjectMojo(goal = "invoke")
  void aJobParameterWithoutKeyIsOneSentence(InvokeMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage(
            "-Dshim.jobParameters: '=2' is not key=value; write key=value pairs separated by"
                + " commas.");
    verifyNoInteractions(session);
  }
}
