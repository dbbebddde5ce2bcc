package dev.udfshim.maven.linkage;

import dev.udfshim.maven.flink.FlinkVersion;
import dev.udfshim.maven.flink.SupportedFlink;
import dev.udfshim.maven.project.ProjectContext;
import dev.udfshim.maven.resolution.RuntimeResolver;
import dev.udfshim.tooling.Jar;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import javax.inject.Inject;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;

/**
 * The build's linkage check: every Flink class, method, field, enum constant and annotation
 * attribute the project's classes use must exist in the Flink its shim runtime carries, or the UDF
 * fails when it runs (or when Flink reads its annotations). One sentence per class and member,
 * naming the supported Flink lines that have it, looked up in their runtimes only when something is
 * missing.
 */
@Named
@Singleton
public final class FlinkLinkage {
  private final RuntimeResolver resolver;

  @Inject
  public FlinkLinkage(RuntimeResolver resolver) {
    this.resolver = resolver;
  }

  /**
   * The sentences, empty when everything links.
   *
   * @param runtime the runtime's jars (with its Flink at {@code flink})
   * @param shipped the project's dependencies the artifact ships
   */
  public List<String> check(
      ProjectContext project, FlinkVersion flink, List<Jar> runtime, List<Jar> shipped, Log log) {
    List<Path> classPath = new ArrayList<>();
    runtime.forEach(jar -> classPath.add(jar.file()));
    shipped.forEach(jar -> classPath.add(jar.file()));
    List<Missing> missing;
    try (LinkageCheck check =
        new LinkageCheck(List.of(project.classesDirectory()), classPath, LinkageCheck.FLINK)) {
      missing = check.missing();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    if (missing.isEmpty()) {
      return List.of();
    }
    List<Member> members = missing.stream().map(Missing::member).distinct().toList();
    Map<Member, List<String>> having = new LinkedHashMap<>();
    List<String> unchecked = new ArrayList<>();
    for (FlinkVersion other : SupportedFlink.versions()) {
      if (other.sameLine(flink)) {
        continue;
      }
      Set<Member> present;
      try {
        present =
            LinkageCheck.presentIn(
                members,
                resolver.runtimeJars(project, other, log).stream().map(Jar::file).toList());
      } catch (MojoExecutionException | IOException | UncheckedIOException e) {
        log.debug("Flink " + other + " could not be checked", e);
        unchecked.add(other.text());
        continue;
      }
      for (Member member : present) {
        having.computeIfAbsent(member, m -> new ArrayList<>()).add(other.line());
      }
    }
    List<String> sentences = new ArrayList<>();
    for (Missing m : missing) {
      sentences.add(sentence(m, flink, having.getOrDefault(m.member(), List.of()), unchecked));
    }
    return sentences;
  }

  static String sentence(
      Missing missing, FlinkVersion flink, List<String> linesHavingIt, List<String> unchecked) {
    StringBuilder text =
        new StringBuilder(missing.userClass())
            .append(" uses ")
            .append(missing.member().text())
            .append(" (in ")
            .append(missing.where())
            .append("), which Flink ")
            .append(flink)
            .append(", the one the shim runtime runs, does not have");
    if (linesHavingIt.isEmpty()) {
      text.append(", nor does any other Flink the shim supports");
      if (!unchecked.isEmpty()) {
        text.append(" (")
            .append(SupportedFlink.and(unchecked))
            .append(" could not be resolved to check)");
      }
      text.append("; stop using it.");
    } else {
      text.append("; Flink ")
          .append(SupportedFlink.and(linesHavingIt))
          .append(linesHavingIt.size() == 1 ? " has" : " have")
          .append(" it: build for one of those (the Flink the project compiles against, or")
          .append(" shim.flinkVersion), or stop using it.");
    }
    return text.toString();
  }
}
