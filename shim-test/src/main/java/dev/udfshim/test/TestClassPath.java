package dev.udfshim.test;

import dev.udfshim.protocol.layout.ShimLayout;
import dev.udfshim.runtime.flink.FlinkClassPath;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;
import java.util.WeakHashMap;

/**
 * Whether the tests run on the runtime the shim artifact ships: one Flink, and the one the build
 * resolved the runtime with (named by the file the plugin's prepare-tests goal puts on the class
 * path). Checked once per class loader.
 */
final class TestClassPath {
  private static final Map<ClassLoader, Optional<String>> CHECKED = new WeakHashMap<>();

  private TestClassPath() {}

  /** Throws the sentence when the class path is not the artifact's runtime. */
  static void check(ClassLoader classLoader) {
    // A JDK class (bootstrap loader, null) is checked against the class path the tests run on.
    ClassLoader loader = classLoader != null ? classLoader : ClassLoader.getSystemClassLoader();
    Optional<String> problem;
    synchronized (CHECKED) {
      problem = CHECKED.computeIfAbsent(loader, TestClassPath::problem);
    }
    if (problem.isPresent()) {
      throw new IllegalStateException(problem.get());
    }
  }

  private static Optional<String> problem(ClassLoader loader) {
    String expected = resolved(loader);
    return FlinkClassPath.problem(
        loader,
        expected,
        expected == null
            ? "add the shim plugin's prepare-tests goal to the pom (beside extract): it runs the"
                + " tests on the shim runtime resolved with the project's Flink."
            : "the test class path is not the one the shim plugin's prepare-tests goal made; if the"
                + " pom sets surefire's classpathDependencyExcludes or additionalClasspathElements,"
                + " add ${maven.test.dependency.excludes} and ${maven.test.additionalClasspath} to"
                + " them.");
  }

  /** The Flink the build resolved the runtime with, when the plugin wrote it. */
  private static String resolved(ClassLoader loader) {
    try (InputStream in = loader.getResourceAsStream(ShimLayout.TEST_FLINK)) {
      return in == null ? null : new String(in.readAllBytes(), StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + ShimLayout.TEST_FLINK, e);
    }
  }
}
