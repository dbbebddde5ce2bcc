package dev.udfshim.maven;

import dev.udfshim.maven.fork.ForkedRuntime;
import dev.udfshim.maven.incremental.GoalRecord;
import dev.udfshim.maven.incremental.InputDigest;
import dev.udfshim.maven.incremental.ResolutionRecord;
import dev.udfshim.maven.isolation.ClassPaths;
import dev.udfshim.maven.isolation.ResolvedJar;
import java.io.File;
import java.io.IOException;
import java.lang.reflect.Field;
import java.lang.reflect.Modifier;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Collectors;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.logging.Log;
import org.eclipse.aether.RepositorySystemSession;

/**
 * What the incremental goals share: the plugin and the JVM as inputs, the parameters, the check.
 */
final class Incremental {
  static final String PLUGIN = "plugin";
  static final String JVM = "JVM";
  static final String PARAMETERS = "parameters";
  static final String RUNTIME = "shim runtime";
  static final String CLASSES = "project classes";
  static final String DEPENDENCIES = "project dependencies";

  private Incremental() {}

  /** A digest that starts with this plugin (its version and jar) and the JVM the goal runs in. */
  static InputDigest inputs(RepositorySystemSession session) throws IOException {
    InputDigest digest = new InputDigest(session.getLocalRepository().getBasedir().toPath());
    digest.value(PLUGIN, "version", PluginVersions.shim());
    digest.file(PLUGIN, ForkedRuntime.pluginJar());
    for (String property : List.of("java.home", "java.vm.vendor", "java.vm.version")) {
      digest.value(JVM, property, System.getProperty(property));
    }
    return digest;
  }

  /**
   * The inputs of a goal that runs in the isolated runtime: the plugin and JVM, the runtime jars,
   * the project's classes, the dependencies it ships, and the mojo's parameters.
   */
  static InputDigest classPathInputs(AbstractShimMojo mojo, List<ResolvedJar> runtime)
      throws IOException {
    InputDigest digest = inputs(mojo.repositorySession);
    digest.files(RUNTIME, runtime.stream().map(ResolvedJar::file).toList());
    digest.tree(CLASSES, Path.of(mojo.project.getBuild().getOutputDirectory()));
    List<ResolvedJar> shipped = ClassPaths.split(mojo.projectJars(), runtime).shipped();
    digest.files(DEPENDENCIES, shipped.stream().map(ResolvedJar::file).toList());
    parameters(digest, mojo);
    return digest;
  }

  /** The record of a goal with these inputs now, under {@code <shimDirectory>/records}. */
  static GoalRecord record(
      AbstractShimMojo mojo, String goal, InputDigest inputs, GoalRecord.Outputs outputs) {
    return new GoalRecord(
        mojo.shimDirectory.toPath().resolve("records").resolve(goal + ".sha256"),
        inputs.digests(),
        outputs);
  }

  /** The outputs of a goal by path, size and time: what nothing but the goal rewrites. */
  static String stats(Path... outputs) throws IOException {
    InputDigest digest = new InputDigest(null);
    for (Path output : outputs) {
      if (Files.isDirectory(output)) {
        digest.statTree("outputs", output);
      } else {
        digest.stat("outputs", output);
      }
    }
    return digest.digest("outputs");
  }

  /**
   * The record of {@code package}: the zips are made of the project's jar, the runtime, the shipped
   * dependencies, signatures.json, the specs, the plugin (launchers) and the parameters.
   */
  static GoalRecord packageRecord(
      AbstractShimMojo mojo,
      Path udfJar,
      List<ResolvedJar> runtime,
      List<ResolvedJar> shipped,
      Path shimZip,
      Path udfZip)
      throws IOException {
    InputDigest digest = inputs(mojo.repositorySession);
    digest.file("project jar", udfJar);
    digest.files(RUNTIME, runtime.stream().map(ResolvedJar::file).toList());
    digest.files(DEPENDENCIES, shipped.stream().map(ResolvedJar::file).toList());
    // The shipped jars' names in the zip come from their coordinates.
    shipped.forEach(jar -> digest.value(DEPENDENCIES, "coordinates", jar.toString()));
    digest.file("signatures", mojo.signaturesFile());
    digest.tree("specs", mojo.configDirectory());
    digest.value(PARAMETERS, "project", mojo.project.getId());
    parameters(digest, mojo);
    return record(mojo, "package", digest, () -> stats(shimZip, udfZip));
  }

  /**
   * The runtime's jars as an earlier build resolved them, when nothing they came from can have
   * changed: a released plugin (its graph is fixed) or an offline build (nothing is fetched), the
   * same plugin jar and repositories, and every jar as it was. Otherwise a fresh resolution,
   * recorded for the next build. The record sits next to shim-runtime in the local repository, so a
   * clean build (its target folder gone) finds it too; any project with the same plugin and
   * repositories shares it.
   */
  static List<ResolvedJar> recordedRuntime(
      AbstractShimMojo mojo, SessionRuntimes.Resolution resolution) throws MojoExecutionException {
    String version = PluginVersions.shim();
    Path repository = mojo.repositorySession.getLocalRepository().getBasedir().toPath();
    String key;
    try {
      key =
          String.join(
              " | ",
              version,
              new InputDigest(null).stat(PLUGIN, ForkedRuntime.pluginJar()).digest(PLUGIN),
              repository.toAbsolutePath().toString(),
              mojo.project.getRemoteProjectRepositories().toString());
    } catch (IOException e) {
      return resolution.resolve();
    }
    Path file =
        repository
            .resolve(AbstractShimMojo.RUNTIME_GROUP.replace('.', '/'))
            .resolve(AbstractShimMojo.RUNTIME_ARTIFACT)
            .resolve(version)
            .resolve(
                "resolved-runtime-"
                    + new InputDigest(null)
                        .value(PLUGIN, "key", key)
                        .digest(PLUGIN)
                        .substring(0, 16)
                    + ".txt");
    boolean fixed = !version.endsWith("-SNAPSHOT") || mojo.repositorySession.isOffline();
    if (fixed) {
      Optional<List<ResolvedJar>> recorded = ResolutionRecord.read(file, key);
      if (recorded.isPresent()) {
        return recorded.get();
      }
    }
    List<ResolvedJar> jars = resolution.resolve();
    ResolutionRecord.write(file, key, jars);
    return jars;
  }

  /**
   * Every parameter of the mojo: each field of a plain type (strings, numbers, booleans, files and
   * collections of them), so a parameter added later is an input without anyone remembering to add
   * it here. Maven's objects (the project, the session) are inputs through what they hold.
   */
  static void parameters(InputDigest digest, AbstractMojo mojo) {
    List<Field> fields = new ArrayList<>();
    for (Class<?> type = mojo.getClass(); type != AbstractMojo.class; type = type.getSuperclass()) {
      for (Field field : type.getDeclaredFields()) {
        if (!Modifier.isStatic(field.getModifiers()) && plain(field.getType())) {
          fields.add(field);
        }
      }
    }
    fields.sort(Comparator.comparing(Field::getName));
    for (Field field : fields) {
      try {
        field.setAccessible(true);
        digest.value(PARAMETERS, field.getName(), field.get(mojo));
      } catch (IllegalAccessException e) {
        throw new IllegalStateException("Cannot read parameter " + field.getName(), e);
      }
    }
  }

  private static boolean plain(Class<?> type) {
    return type.isPrimitive()
        || type == String.class
        || type == File.class
        || Number.class.isAssignableFrom(type)
        || type == Boolean.class
        || Collection.class.isAssignableFrom(type)
        || Map.class.isAssignableFrom(type);
  }

  /**
   * True, after logging one line, when the goal's outputs are current. Otherwise says why the work
   * is done again (at debug level for a first run) and forgets the record until it succeeds.
   */
  static boolean upToDate(GoalRecord record, Log log, String work, Path... outputs)
      throws IOException {
    Optional<String> stale = record.staleBecause();
    if (stale.isEmpty()) {
      String files =
          Arrays.stream(outputs).map(Path::toString).collect(Collectors.joining(" and "));
      log.info(
          work
              + " skipped, nothing changed since the last run: "
              + files
              + (outputs.length == 1 ? " is" : " are")
              + " up to date.");
      return true;
    }
    String reason = work + " runs: " + stale.get() + ".";
    if (stale.get().equals(GoalRecord.NO_RECORD)) {
      log.debug(reason);
    } else {
      log.info(reason);
    }
    record.started();
    return false;
  }
}
