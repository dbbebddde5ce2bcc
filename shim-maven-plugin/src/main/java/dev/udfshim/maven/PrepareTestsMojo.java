package dev.udfshim.maven;

import dev.udfshim.maven.tests.TestRuntime;
import dev.udfshim.maven.tests.TestsGoal;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Makes the project's tests (UdfTester) run on exactly the runtime its shim artifact ships: the
 * shim runtime resolved with the project's Flink, instead of the Flink that shim-test brings. It
 * sets surefire's user properties {@code maven.test.dependency.excludes} and {@code
 * maven.test.additionalClasspath} (keeping what they hold), as jacoco's prepare-agent sets {@code
 * argLine}; surefire parameters set in the pom win over them. Without this goal a project on
 * another Flink than the shim's default runs its tests on a mix of both, which UdfTester refuses
 * with a sentence.
 */
@Mojo(
    name = "prepare-tests",
    defaultPhase = LifecyclePhase.PROCESS_TEST_CLASSES,
    requiresDependencyResolution = ResolutionScope.TEST,
    threadSafe = true)
public class PrepareTestsMojo extends AbstractShimMojo {
  private final TestRuntime testRuntime;

  @Inject
  public PrepareTestsMojo(TestRuntime testRuntime) {
    this.testRuntime = testRuntime;
  }

  @Override
  protected String goal() {
    return "prepare-tests";
  }

  @Override
  protected void run() throws MojoExecutionException, MojoFailureException {
    testRuntime.prepare(new TestsGoal(context(), shimDirectory.toPath()), getLog());
  }
}
