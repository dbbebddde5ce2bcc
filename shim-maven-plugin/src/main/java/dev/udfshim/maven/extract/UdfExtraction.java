package dev.udfshim.maven.extract;

import dev.udfshim.maven.incremental.GoalRecord;
import dev.udfshim.maven.incremental.Incremental;
import dev.udfshim.maven.incremental.InputDigest;
import dev.udfshim.maven.isolation.IsolatedRuntime;
import dev.udfshim.maven.isolation.IsolationException;
import dev.udfshim.maven.isolation.ProjectRuntimes;
import dev.udfshim.maven.linkage.FlinkLinkage;
import dev.udfshim.maven.project.TestRunner;
import dev.udfshim.maven.resolution.RuntimeResolver;
import dev.udfshim.tooling.ExtractAnswer;
import dev.udfshim.tooling.ExtractRequest;
import dev.udfshim.tooling.Jar;
import dev.udfshim.tooling.ToolingException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Collectors;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugin.logging.Log;

/**
 * Extracts the project's UDFs with the runtime's own extraction, in the project's runtime, logs the
 * table and fails on any UDF the platform cannot run; nothing when nothing changed.
 */
@Named
@Singleton
public final class UdfExtraction {
  private static final String LINKAGE_FILE = "linkage.txt";

  private final RuntimeResolver resolver;
  private final ProjectRuntimes runtimes;
  private final Incremental incremental;
  private final FlinkLinkage linkage;

  @Inject
  public UdfExtraction(
      RuntimeResolver resolver,
      ProjectRuntimes runtimes,
      Incremental incremental,
      FlinkLinkage linkage) {
    this.resolver = resolver;
    this.runtimes = runtimes;
    this.incremental = incremental;
    this.linkage = linkage;
  }

  public void extract(ExtractGoal goal, Log log)
      throws MojoExecutionException, MojoFailureException {
    // A Maven fact, said on every build: process-classes comes before the tests that would not run.
    TestRunner.warning(goal.project().project()).ifPresent(log::warn);
    RuntimeResolver.ResolvedRuntime resolved = resolver.runtime(goal.project(), log);
    List<Jar> runtime = resolved.jars();
    List<Jar> shipped = ProjectRuntimes.shipped(goal.project(), runtime);
    try {
      InputDigest inputs = incremental.classPathInputs(goal.project(), goal, runtime, shipped);
      IsolatedRuntime isolated =
          runtimes.shared(goal.project(), runtime, inputs.digest(Incremental.CLASSES), log);
      Path signatures =
          incremental
              .layout(goal.shimDirectory(), inputs.digest(Incremental.RUNTIME), isolated)
              .signaturesFile();
      Path linkageFile = signatures.resolveSibling(LINKAGE_FILE);
      GoalRecord record =
          incremental.record(
              goal.shimDirectory(),
              "extract",
              inputs,
              () -> Incremental.stats(signatures, linkageFile));
      if (incremental.upToDate(record, log, "Extraction", signatures)) {
        // A run with errors is only recorded when they do not fail the build: say them again.
        if (!goal.failOnError()) {
          Files.readAllLines(linkageFile, StandardCharsets.UTF_8).forEach(log::warn);
          failures(isolated.call(t -> t.readSignatures(goal.shimDirectory())), false, log);
        }
        return;
      }
      List<String> unlinked =
          linkage.check(goal.project(), resolved.flink(), runtime, shipped, log);
      Files.createDirectories(linkageFile.getParent());
      Files.write(linkageFile, unlinked, StandardCharsets.UTF_8);
      if (!unlinked.isEmpty()) {
        String message =
            unlinked.size()
                + " use(s) of Flink that the shim runtime's Flink "
                + resolved.flink()
                + " lacks; each would fail when the UDF runs:\n  "
                + String.join("\n  ", unlinked);
        if (goal.failOnError()) {
          throw new MojoFailureException(message);
        }
        log.warn(message);
      }
      ExtractAnswer answer =
          isolated.call(
              t ->
                  t.extract(
                      new ExtractRequest(
                          goal.project().classesDirectory(),
                          goal.functions(),
                          goal.shimDirectory())));
      log(goal, answer, resolved, log);
      failures(answer, goal.failOnError(), log);
      record.finished();
    } catch (IsolationException | ToolingException | IOException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }

  private static void log(
      ExtractGoal goal, ExtractAnswer answer, RuntimeResolver.ResolvedRuntime runtime, Log log) {
    if (answer.functions().isEmpty() && answer.failures().isEmpty()) {
      log.warn(
          "No ScalarFunction or TableFunction found in "
              + goal.project().classesDirectory()
              + "; the shim artifact will hold no UDF. Name them with <functions> if they"
              + " live in a dependency.");
    }
    answer.table().forEach(log::info);
    answer.warnings().forEach(log::warn);
    log.info(
        "Extracted "
            + answer.functions().size()
            + " UDF(s), "
            + answer.signatureCount()
            + " signature(s) with Flink "
            + runtime.flink()
            + ", into "
            + answer.signaturesFile());
  }

  /** Fails the build on any extraction error, or without failOnError, logs them. */
  private static void failures(ExtractAnswer answer, boolean failOnError, Log log)
      throws MojoFailureException {
    if (answer.failures().isEmpty()) {
      return;
    }
    String message =
        answer.failures().size()
            + " UDF(s) cannot run on the remote platform:\n  "
            + answer.failures().stream()
                .map(ExtractAnswer.Failure::text)
                .collect(Collectors.joining("\n  "));
    if (failOnError) {
      throw new MojoFailureException(message);
    }
    log.error(message);
  }
}
