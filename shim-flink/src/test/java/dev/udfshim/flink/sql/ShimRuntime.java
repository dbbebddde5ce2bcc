package dev.udfshim.flink.sql;

import dev.udfshim.tooling.ShimTooling;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/**
 * The shim runtime this reactor built (shim-runtime's jar, its target/lib beside it), run as the
 * platform runs it: in JVMs of its own, never in the tests' class path.
 */
public final class ShimRuntime {
  private ShimRuntime() {}

  /** The runtime's jar: {@code shim.runtime.jar} (failsafe sets it), else the reactor's. */
  static Path jar() {
    String property = System.getProperty("shim.runtime.jar");
    Path jar =
        property != null
            ? Path.of(property)
            : Path.of("..", "shim-runtime", "target").toAbsolutePath().normalize();
    if (Files.isDirectory(jar)) {
      try (Stream<Path> files = Files.list(jar)) {
        jar =
            files
                .filter(
                    f -> f.getFileName().toString().matches("shim-runtime-[^-]+(-SNAPSHOT)?\\.jar"))
                .findFirst()
                .orElse(jar.resolve("shim-runtime.jar"));
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
    if (!Files.isRegularFile(jar) || !Files.isDirectory(jar.resolveSibling("lib"))) {
      throw new IllegalStateException(
          jar
              + " (and lib/ beside it) is missing; build the runtime first:"
              + " mvn -pl shim-flink -am verify, or mvn -pl shim-runtime -am package.");
    }
    return jar;
  }

  /**
   * The runtime's test fixtures jar beside its jar: it holds {@code PreControlFramesHandler}, the
   * execution handler as servers were before control frames.
   */
  static Path fixturesJar() {
    Path jar = jar();
    Path fixtures =
        jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", "-tests.jar"));
    if (!Files.isRegularFile(fixtures)) {
      throw new IllegalStateException(fixtures + " is missing; build the runtime first.");
    }
    return fixtures;
  }

  /** The java launcher of the JVM running the tests. */
  static String java() {
    return Path.of(System.getProperty("java.home"), "bin", "java").toString();
  }

  /**
   * Copies the class files of a package of the tests' classes into {@code into}, as the UDF jar of
   * an artifact would hold them.
   */
  static Path copyPackage(Class<?> member, Path into) {
    try {
      Path classes = Path.of(member.getProtectionDomain().getCodeSource().getLocation().toURI());
      String folder = member.getPackageName().replace('.', '/');
      Path source = classes.resolve(folder);
      try (Stream<Path> files = Files.walk(source)) {
        for (Path file : files.filter(Files::isRegularFile).toList()) {
          Path target = into.resolve(folder).resolve(source.relativize(file).toString());
          Files.createDirectories(target.getParent());
          Files.copy(file, target);
        }
      }
      return into;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (URISyntaxException e) {
      throw new IllegalStateException(e);
    }
  }

  /**
   * Extracts the classes with the runtime's tooling and writes signatures.json and the specs into
   * {@code shim} ({@link ExtractSpecs}, in a JVM of the runtime's class path plus the UDFs).
   */
  static void extract(Path udfs, Path shim, List<String> classes) throws Exception {
    List<String> classPath =
        List.of(
            jar().toString(),
            location(ShimTooling.class).toString(),
            location(ExtractSpecs.class).toString(),
            udfs.toString());
    List<String> command = new ArrayList<>();
    command.add(java());
    command.add("-cp");
    command.add(String.join(java.io.File.pathSeparator, classPath));
    command.add(ExtractSpecs.class.getName());
    command.add(shim.toString());
    command.addAll(classes);
    Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
    String output = new String(process.getInputStream().readAllBytes());
    if (process.waitFor() != 0) {
      throw new IllegalStateException("Extraction failed:\n" + output);
    }
  }

  private static Path location(Class<?> type) throws URISyntaxException {
    return Path.of(type.getProtectionDomain().getCodeSource().getLocation().toURI());
  }
}
