package dev.udfshim.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.File;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.junit.jupiter.api.Test;

class InitMojoTest extends MojoTesting {

  @Test
  @UserProperty(name = "groupId", value = "com.acme")
  @UserProperty(name = "artifactId", value = "acme-udfs")
  @InjectMojo(goal = "init")
  void defaults(InitMojo mojo) throws Exception {
    assertThat(parameter(mojo, "version")).isEqualTo("1.0.0-SNAPSHOT");
    assertThat(parameter(mojo, "packageName")).isNull();
    assertThat(parameter(mojo, "outputTimestamp")).isNull();
    assertThat(parameter(mojo, "directory")).isEqualTo(new File(System.getProperty("user.dir")));
  }

  @Test
  @UserProperty(name = "groupId", value = "com.acme")
  @UserProperty(name = "artifactId", value = "acme-udfs")
  @UserProperty(name = "version", value = "2.0.0")
  @UserProperty(name = "package", value = "com.acme.fn")
  @UserProperty(name = "shim.init.outputTimestamp", value = "2026-01-01T00:00:00Z")
  @InjectMojo(goal = "init")
  void writesTheProjectAndNeverOverwritesIt(InitMojo mojo) throws Exception {
    setParameter(mojo, "directory", basedir.toFile());
    assertThat(parameter(mojo, "packageName")).isEqualTo("com.acme.fn");
    logging(mojo).execute();
    assertThat(basedir.resolve("acme-udfs/pom.xml")).content().contains("<version>2.0.0</version>");
    assertThat(basedir.resolve("acme-udfs/src/main/java/com/acme/fn/AddOne.java")).isRegularFile();
    assertThat(logged)
        .contains(
            "New UDF project in "
                + basedir.resolve("acme-udfs")
                + "; next: cd acme-udfs && mvn package");

    assertThatThrownBy(mojo::execute)
        .isInstanceOf(MojoFailureException.class)
        .hasMessageContaining(
            "already exists, and init never overwrites a project; choose another -DartifactId,"
                + " or run init in another folder.");
  }
}
