package dev.udfshim.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.mockito.Mockito.verifyNoInteractions;

import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

class PackageMojoTest extends MojoTesting {

  private void jarBuilt() throws Exception {
    Path jar = Files.createDirectories(basedir.resolve("target")).resolve("udfs-1.0.0.jar");
    Files.write(jar, new byte[] {'P', 'K', 5, 6});
    project.getArtifact().setFile(jar.toFile());
  }

  @Test
  @InjectMojo(goal = "package")
  void defaults(PackageMojo mojo) throws Exception {
    assertThat(parameter(mojo, "classifier")).isEqualTo("shim");
    assertThat(parameter(mojo, "udfClassifier")).isEqualTo("udf");
    assertThat(parameter(mojo, "attach")).isEqualTo(true);
    assertThat(parameter(mojo, "uploadLimit")).isEqualTo("100MiB");
    assertThat(parameter(mojo, "outputTimestamp")).isEqualTo("2026-01-01T00:00:00Z");
    assertThat(parameter(mojo, "finalName")).isEqualTo("udfs-1.0.0");
    assertThat(parameter(mojo, "shimDirectory")).isEqualTo(basedir.resolve("target/shim").toFile());
  }

  @Test
  @UserProperty(name = "shim.classifier", value = "deploy")
  @UserProperty(name = "shim.udfClassifier", value = "upload")
  @UserProperty(name = "shim.attach", value = "false")
  @UserProperty(name = "shim.uploadLimit", value = "5MiB")
  @InjectMojo(goal = "package")
  void commandLineProperties(PackageMojo mojo) throws Exception {
    assertThat(parameter(mojo, "classifier")).isEqualTo("deploy");
    assertThat(parameter(mojo, "udfClassifier")).isEqualTo("upload");
    assertThat(parameter(mojo, "attach")).isEqualTo(false);
    assertThat(parameter(mojo, "uploadLimit")).isEqualTo("5MiB");
  }

  @Test
  @UserProperty(name = "shim.skip", value = "true")
  @InjectMojo(goal = "package")
  void skipLogsOneLineAndTouchesNothing(PackageMojo mojo) throws Exception {
    logging(mojo).execute();
    assertThat(logged).containsExactly("Skipping shim:package (shim.skip=true).");
    verifyNoInteractions(session);
  }

  @Test
  @InjectMojo(goal = "package")
  void noJarIsOneSentence(PackageMojo mojo) {
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage(
            "The project's jar is not built, so there is nothing to package: use <packaging>jar"
                + "</packaging> and bind shim:package to the package phase (its default).");
  }

  @Test
  @UserProperty(name = "shim.uploadLimit", value = "lots")
  @InjectMojo(goal = "package")
  void aLimitThatIsNoSizeIsOneSentence(PackageMojo mojo) throws Exception {
    jarBuilt();
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage(
            "shim.uploadLimit 'lots' is not a size; write bytes, or a number with KiB, MiB or GiB"
                + " (e.g. 100MiB).");
    verifyNoInteractions(session);
  }

  @Test
  @InjectMojo(goal = "package")
  void aTimestampThatIsNoTimeIsOneSentence(PackageMojo mojo) throws Exception {
    jarBuilt();
    MojoTesting.setParameter(mojo, "outputTimestamp", "yesterday");
    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessage(
            "project.build.outputTimestamp 'yesterday' is neither ISO-8601 (2024-01-01T00:00:00Z)"
                + " nor seconds since the epoch.");
  }
}
