package dev.udfshim.maven;

import static org.mockito.Mockito.lenient;
import static org.mockito.Mockito.mock;

import java.lang.annotation.ElementType;
import java.lang.annotation.Repeatable;
import java.lang.annotation.Retention;
import java.lang.annotation.RetentionPolicy;
import java.lang.annotation.Target;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Properties;
import org.apache.maven.api.di.Provides;
import org.apache.maven.api.plugin.testing.MojoExtension;
import org.apache.maven.api.plugin.testing.MojoTest;
import org.apache.maven.artifact.DefaultArtifact;
import org.apache.maven.artifact.handler.DefaultArtifactHandler;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.Mojo;
import org.apache.maven.plugin.logging.SystemStreamLog;
import org.apache.maven.project.MavenProject;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * What the mojo tests share: each goal looked up from this build's plugin descriptor and configured
 * as Maven configures it (defaults and {@code -D} properties of the descriptor, evaluated against a
 * project and the session's user properties), without forking Maven. A test's {@link UserProperty}
 * annotations are the command line's {@code -D}s.
 */
@MojoTest
abstract class MojoTesting {
  /** {@code -Dname=value} on the command line of the test's build. */
  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @Repeatable(UserProperties.class)
  @interface UserProperty {
    String name();

    String value();
  }

  @Retention(RetentionPolicy.RUNTIME)
  @Target(ElementType.METHOD)
  @interface UserProperties {
    UserProperty[] value();
  }

  protected final Path basedir;
  protected final Properties userProperties = new Properties();
  protected final MavenProject project;
  protected final MavenSession session = mock(MavenSession.class);
  protected final List<String> logged = new ArrayList<>();

  protected MojoTesting() {
    try {
      basedir =
          Files.createTempDirectory(Files.createDirectories(Path.of("target/mojo-tests")), "p")
              .toAbsolutePath();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    project = new MavenProject();
    project.setGroupId("com.example");
    project.setArtifactId("udfs");
    project.setVersion("1.0.0");
    project.setFile(basedir.resolve("pom.xml").toFile());
    project.getBuild().setDirectory(basedir.resolve("target").toString());
    project.getBuild().setOutputDirectory(basedir.resolve("target/classes").toString());
    project.getBuild().setFinalName("udfs-1.0.0");
    project.getProperties().setProperty("project.build.outputTimestamp", "2026-01-01T00:00:00Z");
    project.setArtifact(
        new DefaultArtifact(
            "com.example",
            "udfs",
            "1.0.0",
            "compile",
            "jar",
            null,
            new DefaultArtifactHandler("jar")));
    lenient().when(session.getUserProperties()).thenReturn(userProperties);
    lenient().when(session.getSystemProperties()).thenReturn(System.getProperties());
    lenient().when(session.getCurrentProject()).thenReturn(project);
  }

  @Provides
  MavenProject project() {
    return project;
  }

  @Provides
  MavenSession session() {
    return session;
  }

  @BeforeEach
  void commandLine(TestInfo test) {
    for (UserProperty property :
        test.getTestMethod().orElseThrow().getAnnotationsByType(UserProperty.class)) {
      userProperties.setProperty(property.name(), property.value());
    }
  }

  /** The mojo logs into {@link #logged} from now on; returns it. */
  protected <T extends Mojo> T logging(T mojo) {
    mojo.setLog(
        new SystemStreamLog() {
          @Override
          public void info(CharSequence content) {
            logged.add(String.valueOf(content));
          }

          @Override
          public void warn(CharSequence content) {
            logged.add("[WARNING] " + content);
          }
        });
    return mojo;
  }

  /** Sets a parameter as a pom's configuration would. */
  protected static void setParameter(Object mojo, String name, Object value)
      throws IllegalAccessException {
    MojoExtension.setVariableValueToObject(mojo, name, value);
  }

  /** A parameter's value as Maven configured it. */
  protected static Object parameter(Object mojo, String name) throws IllegalAccessException {
    return MojoExtension.getVariableValueFromObject(mojo, name);
  }
}
