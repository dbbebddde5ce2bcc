package dev.udfshim.maven.archive;

import dev.udfshim.maven.incremental.InputDigest;
import dev.udfshim.tooling.Jar;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * An identity of the artifact's class path ({@code lib/}), written into its manifest: the launcher
 * keys its class-data archives by it, so an archive is never used with other jars than those it was
 * made from (unzip gives every jar the same fixed time, so the JVM's own check of times and sizes
 * cannot tell a rebuilt jar of the same size). Reproducible and cheap: a released jar from the
 * local repository is named by its coordinates and size, since a released version never changes;
 * the project's jar, snapshots and jars from elsewhere (a reactor) by their content.
 */
public final class ClassPathDigest {
  private static final Pattern SNAPSHOT = Pattern.compile(".*-(SNAPSHOT|\\d{8}\\.\\d{6}-\\d+)$");
  private static final String GROUP = "class path";

  private ClassPathDigest() {}

  /** The first 16 hex digits of a SHA-256 over every jar, in class path order. */
  public static String of(
      List<Jar> runtime, Path udfJar, List<Jar> udfDependencies, Path repository)
      throws IOException {
    List<Jar> jars = new ArrayList<>(runtime);
    jars.add(new Jar("", "", "", udfJar));
    jars.addAll(udfDependencies);
    return of(jars, repository);
  }

  /** The same for the runtime-only artifact: its runtime jars only. */
  public static String ofRuntime(List<Jar> runtime, Path repository) throws IOException {
    return of(runtime, repository);
  }

  private static String of(List<Jar> jars, Path repository) throws IOException {
    Path localRepository = repository.toAbsolutePath();
    InputDigest digest = new InputDigest(null);
    for (Jar jar : jars) {
      Path file = jar.file().toAbsolutePath();
      if (!jar.version().isEmpty()
          && !SNAPSHOT.matcher(jar.version()).matches()
          && file.startsWith(localRepository)) {
        digest.value(GROUP, jar.toString(), Files.size(file));
      } else {
        digest.content(GROUP, file.getFileName().toString(), file);
      }
    }
    return digest.digest(GROUP).substring(0, 16);
  }
}
