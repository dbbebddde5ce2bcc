package dev.udfshim.maven.incremental;

import dev.udfshim.maven.PluginVersions;
import dev.udfshim.maven.isolation.IsolatedRuntime;
import dev.udfshim.maven.isolation.IsolationException;
import dev.udfshim.maven.project.ProjectContext;
import dev.udfshim.tooling.BuildLayout;
import dev.udfshim.tooling.Jar;
import dev.udfshim.tooling.ToolingException;
import java.io.File;
import java.io.IOException;
import java.io.Reader;
import java.lang.reflect.RecordComponent;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Properties;
import java.util.TreeMap;
import java.util.stream.Collectors;
import javax.inject.Named;
import javax.inject.Singleton;
import org.apache.maven.plugin.logging.Log;

/**
 * The incremental goals' records: what a goal's output is made of (the plugin, the JVM, its
 * request, the files it reads), and whether the last run's outputs are still current.
 */
@Named
@Singleton
public final class Incremental {
  public static final String PLUGIN = "plugin";
  public static final String JVM = "JVM";
  public static final String PARAMETERS = "parameters";
  public static final String RUNTIME = "shim runtime";
  public static final String CLASSES = "project classes";
  public static final String DEPENDENCIES = "project dependencies";
  private static final String RECORDS = "records";
  private static final String RUNTIME_KEY = "runtime";
  private static final String SIGNATURES_KEY = "signatures";
  private static final String CONFIG_KEY = "config";
  private static final String LOCAL_KEY = "local";
  private static final String TEST_CLASSPATH_KEY = "testClassPath";
  private static final String TEST_FLINK_KEY = "testFlink";

  /**
   * A digest that starts with this plugin (its version and jar), the JVM the goal runs in, and the
   * goal's request.
   */
  public InputDigest inputs(ProjectContext project, Record request) throws IOException {
    InputDigest digest = new InputDigest(project.localRepository());
    digest.value(PLUGIN, "version", PluginVersions.shim());
    digest.file(PLUGIN, PluginVersions.pluginJar());
    for (String property : List.of("java.home", "java.vm.vendor", "java.vm.version")) {
      digest.value(JVM, property, System.getProperty(property));
    }
    parameters(digest, request);
    return digest;
  }

  /**
   * The inputs of a goal that runs in the project's runtime: those of {@link #inputs}, the runtime
   * jars, the project's classes and the dependencies it ships.
   */
  public InputDigest classPathInputs(
      ProjectContext project, Record request, List<Jar> runtime, List<Jar> shipped)
      throws IOException {
    InputDigest digest = inputs(project, request);
    digest.files(RUNTIME, runtime.stream().map(Jar::file).toList());
    digest.tree(CLASSES, project.classesDirectory());
    digest.files(DEPENDENCIES, shipped.stream().map(Jar::file).toList());
    return digest;
  }

  /**
   * The runtime's layout of a shim directory, as this runtime answered it before: a build where
   * nothing changed learns where its outputs are without loading the runtime (whose 50 jars cost
   * more to open than the whole check). Asked again, and recorded, when the runtime's jars differ.
   */
  public BuildLayout layout(Path shimDirectory, String runtimeDigest, IsolatedRuntime runtime)
      throws IOException, IsolationException, ToolingException {
    Path file = shimDirectory.resolve(RECORDS).resolve("layout.properties");
    Properties recorded = new Properties();
    try (Reader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
      recorded.load(in);
    } catch (IOException e) {
      // none yet, or unreadable: asked below
    }
    if (runtimeDigest.equals(recorded.getProperty(RUNTIME_KEY))) {
      String signatures = recorded.getProperty(SIGNATURES_KEY);
      String config = recorded.getProperty(CONFIG_KEY);
      String local = recorded.getProperty(LOCAL_KEY);
      String testClassPath = recorded.getProperty(TEST_CLASSPATH_KEY);
      String testFlink = recorded.getProperty(TEST_FLINK_KEY);
      if (signatures != null
          && config != null
          && local != null
          && testClassPath != null
          && testFlink != null) {
        return new BuildLayout(
            Path.of(signatures),
            Path.of(config),
            Path.of(local),
            Path.of(testClassPath),
            Path.of(testFlink));
      }
    }
    BuildLayout layout = runtime.call(t -> t.layout(shimDirectory));
    GoalRecord.writeWhole(
        file,
        String.join(
            "\n",
            RUNTIME_KEY + "=" + runtimeDigest,
            SIGNATURES_KEY + "=" + escape(layout.signaturesFile()),
            CONFIG_KEY + "=" + escape(layout.configDirectory()),
            LOCAL_KEY + "=" + escape(layout.localDirectory()),
            TEST_CLASSPATH_KEY + "=" + escape(layout.testClassPathDirectory()),
            TEST_FLINK_KEY + "=" + escape(layout.testFlinkFile()),
            ""));
    return layout;
  }

  /** A path as a properties value: backslashes (Windows) doubled. */
  private static String escape(Path path) {
    return path.toString().replace("\\", "\\\\");
  }

  /** The record of a goal with these inputs now, under {@code <shimDirectory>/records}. */
  public GoalRecord record(
      Path shimDirectory, String goal, InputDigest inputs, GoalRecord.Outputs outputs) {
    return new GoalRecord(
        shimDirectory.resolve(RECORDS).resolve(goal + ".sha256"), inputs.digests(), outputs);
  }

  /** The outputs of a goal by path, size and time: what nothing but the goal rewrites. */
  public static String stats(Path... outputs) throws IOException {
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
   * Every component of the goal's request record, by name, so a parameter added later is an input
   * without anyone remembering to add it here. Components that are not plain values (the Maven
   * project and session) count through what they hold: the classes, the jars.
   */
  static void parameters(InputDigest digest, Record request) {
    for (RecordComponent component : request.getClass().getRecordComponents()) {
      Object value;
      try {
        value = component.getAccessor().invoke(request);
      } catch (ReflectiveOperationException e) {
        throw new IllegalStateException("Cannot read request component " + component, e);
      }
      if (value instanceof Map<?, ?> map) {
        // in key order, so the same parameters always digest alike
        Map<String, String> sorted = new TreeMap<>();
        map.forEach((k, v) -> sorted.put(String.valueOf(k), String.valueOf(v)));
        digest.value(PARAMETERS, component.getName(), sorted);
      } else if (value == null
          || value instanceof String
          || value instanceof Path
          || value instanceof File
          || value instanceof Number
          || value instanceof Boolean
          || value instanceof Collection) {
        digest.value(PARAMETERS, component.getName(), value);
      }
    }
  }

  /**
   * True, after logging one line, when the goal's outputs are current. Otherwise says why the work
   * is done again (at debug level for a first run) and forgets the record until it succeeds.
   */
  public boolean upToDate(GoalRecord record, Log log, String work, Path... outputs)
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
