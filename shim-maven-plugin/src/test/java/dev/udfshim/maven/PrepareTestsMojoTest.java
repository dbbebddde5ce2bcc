package dev.udfshim.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;

import org.apache.maven.api.plugin.testing.InjectMojo;
import org.junit.jupiter.api.Test;

class PrepareTestsMojoTest extends MojoTesting {

  @Test
  @InjectMojo(goal = "prepare-tests")
  void defaults(PrepareTestsMojo mojo) throws Exception {
    assertThat(parameter(mojo, "shimDirectory")).isEqualTo(basedir.resolve("target/shim").toFile());
    assertThat(parameter(mojo, "flinkVersion")).isNull();
    assertThat(parameter(mojo, "skip")).isEqualTo(false);
  }

  @Test
  @UserProperty(name = "shim.flinkVersion", value = "1.20.3")
  @InjectMojo(goal = "prepare-tests")
  void theFlinkFromTheCommandLine(PrepareTestsMojo mojo) throws Exception {
    assertThat(parameter(mojo, "flinkVersion")).isEqualTo("1.20.3");
  }

  @Test
  @InjectMojo(goal = "prepare-tests")
  void aProjectWithoutTheShimRuntimeOnItsTestClassPathIsLeftAsItIs(PrepareTestsMojo mojo)
      throws Exception {
    logging(mojo).execute();
    assertThat(project.getProperties())
        .doesNotContainKeys("maven.test.dependency.excludes", "maven.test.additionalClasspath");
    assertThat(logged).isEmpty();
    verifyNoInteractions(session);
  }

  @Test
  @UserProperty(name = "shim.skip", value = "true")
  @InjectMojo(goal = "prepare-tests")
  void skipLogsOneLineAndTouchesNothing(PrepareTestsMojo mojo) throws Exception {
    logging(mojo).execute();
    assertThat(logged).containsExactly("Skipping shim:prepare-tests (shim.skip=true).");
    verifyNoInteractions(session);
  }
}
