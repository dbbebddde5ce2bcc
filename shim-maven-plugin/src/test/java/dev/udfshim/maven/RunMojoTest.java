package dev.udfshim.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.verifyNoInteractions;

import java.io.File;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

class RunMojoTest extends MojoTesting {

  @Test
  @InjectMojo(goal = "run")
  void defaults(RunMojo mojo) throws Exception {
    assertThat(parameter(mojo, "handler")).isEqualTo("execution");
    assertThat(parameter(mojo, "port")).isEqualTo(50051);
    assertThat(parameter(mojo, "host")).isEqualTo("127.0.0.1");
    assertThat(parameter(mojo, "function")).isNull();
    assertThat(parameter(mojo, "signature")).isNull();
    assertThat(parameter(mojo, "jvmArguments")).isNull();
    assertThat(parameter(mojo, "commandlineJobParameters")).isNull();
    assertThat(parameter(mojo, "workingDirectory")).isEqualTo(basedir.toFile());
  }

  @Test
  @UserProperty(name = "handler", value = "extraction")
  @UserProperty(name = "port", value = "0")
  @UserProperty(name = "host", value = "0.0.0.0")
  @UserProperty(name = "function", value = "com.example.AddOne")
  @UserProperty(name = "signature", value = "1")
  @UserProperty(name = "shim.jvmArguments", value = "-Xmx1g")
  @UserProperty(name = "shim.jobParameters", value = "a=1,b=2")
  @UserProperty(name = "shim.workingDirectory", value = "/tmp/udfs")
  @InjectMojo(goal = "run")
  void commandLineProperties(RunMojo mojo) throws Exception {
    assertThat(parameter(mojo, "handler")).isEqualTo("extraction");
    assertThat(parameter(mojo, "port")).isEqualTo(0);
    assertThat(parameter(mojo, "host")).isEqualTo("0.0.0.0");
    assertThat(parameter(mojo, "function")).isEqualTo("com.example.AddOne");
    assertThat(parameter(mojo, "signature")).isEqualTo(1);
    assertThat(parameter(mojo, "jvmArguments")).isEqualTo("-Xmx1g");
    assertThat(parameter(mojo, "commandlineJobParameters")).isEqualTo("a=1,b=2");
    assertThat(parameter(mojo, "workingDirectory")).isEqualTo(new File("/tmp/udfs"));
  }

  @Test
  @UserProperty(name = "shim.skip", value = "true")
  @InjectMojo(goal = "run")
  void skipLogsOneLineAndTouchesNothing(RunMojo mojo) throws Exception {
    logging(mojo).execute();
    assertThat(logged).containsExactly("Skipping shim:run (shim.skip=true).");
    verifyNoInteractions(session);
  }

  @Test
  @UserProperty(name = "handler", value = "extractor")
  @InjectMojo(goal = "run")
  void anUnknownHandlerIsOneSentence(RunMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage("-Dhandler=extractor is not a handler; use extraction or execution.");
    verifyNoInteractions(session);
  }

  @Test
  @UserProperty(name = "shim.jobParameters", value = "greeting")
  @InjectMojo(goal = "run")
  void aJobParameterThatIsNoPairIsOneSentence(RunMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage(
            "-Dshim.jobParameters: 'greeting' is not key=value; write key=value pairs separated"
                + " by commas.");
    verifyNoInteractions(session);
  }
}
