package dev.udfshim.maven.spec;

import dev.udfshim.maven.incremental.GoalRecord;
import dev.udfshim.maven.incremental.Incremental;
import dev.udfshim.maven.incremental.InputDigest;
import dev.udfshim.maven.isolation.IsolatedRuntime;
import dev.udfshim.maven.isolation.IsolationException;
import dev.udfshim.maven.isolation.ProjectRuntimes;
import dev.udfshim.maven.resolution.RuntimeResolver;
import dev.udfshim.tooling.BuildLayout;
import dev.udfshim.tooling.Jar;
import dev.udfshim.tooling.SpecAnswer;
import dev.udfshim.tooling.SpecRequest;
import dev.udfshim.tooling.ToolingException;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * Writes one spec per signature that extract found, in the project's runtime; nothing when nothing
 * changed.
 */
@Named
@Singleton
public final class SpecGeneration {
  private final RuntimeResolver resolver;
  private final ProjectRuntimes runtimes;
  private final Incremental incremental;

  @Inject
  public SpecGeneration(
      RuntimeResolver resolver, ProjectRuntimes runtimes, Incremental incremental) {
    this.resolver = resolver;
    this.runtimes = runtimes;
    this.incremental = incremental;
  }

  public void generate(SpecGoal goal, Log log) throws MojoExecutionException, MojoFailureException {
    List<Jar> runtime = resolver.runtimeJars(goal.project(), log);
    try {
      InputDigest inputs =
          incremental.classPathInputs(
              goal.project(), goal, runtime, ProjectRuntimes.shipped(goal.project(), runtime));
      IsolatedRuntime isolated =
          runtimes.shared(goal.project(), runtime, inputs.digest(Incremental.CLASSES), log);
      BuildLayout layout =
          incremental.layout(goal.shimDirectory(), inputs.digest(Incremental.RUNTIME), isolated);
      if (!Files.isRegularFile(layout.signaturesFile())) {
        throw new MojoFailureException(
            layout.signaturesFile()
                + " does not exist; run the extract goal first (it is bound to process-classes, so"
                + " `mvn package` runs it).");
      }
      inputs.file("signatures", layout.signaturesFile());
      GoalRecord record =
          incremental.record(
              goal.shimDirectory(),
              "gen-spec",
              inputs,
              () -> Incremental.stats(layout.configDirectory()));
      if (incremental.upToDate(record, log, "Spec generation", layout.configDirectory())) {
        return;
      }
      SpecAnswer answer =
          isolated.call(
              t -> t.generateSpecs(new SpecRequest(goal.shimDirectory(), goal.pluginId())));
      for (String file : answer.files()) {
        log.debug("Wrote " + file);
      }
      log.info(
          "Wrote "
              + answer.files().size()
              + " "
              + answer.specFileName()
              + " file(s) under "
              + answer.configDirectory());
      record.finished();
    } catch (IsolationException | ToolingException | IOException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }
}
