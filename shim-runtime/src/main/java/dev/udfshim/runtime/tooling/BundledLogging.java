package dev.udfshim.runtime.tooling;

import dev.udfshim.tooling.Jar;
import dev.udfshim.tooling.UdfArchiveRequest;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;
import java.util.jar.JarFile;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.zip.ZipEntry;

/**
 * Logging backends and their config files in the jars a UDF ships, which the runtime will not use:
 * it logs through logback, configured by itself, and sends the Log4j 2 API to the same log
 * (log4j-to-slf4j). A UDF's lines reach that log through the SLF4J or Log4j 2 API, whatever it
 * bundles; what it bundles besides is dead weight, or worse, a second SLF4J provider the JVM
 * complains about at every start. One line per finding, naming the jar, the cause and the fix.
 */
final class BundledLogging {
  private static final String PROVIDED =
      "declare it <scope>provided</scope> or exclude it, so the artifact does not ship it";

  /** A backend, known by a class it holds. */
  private record Backend(String entry, String what, String fix) {}

  private static final List<Backend> BACKENDS =
      List.of(
          new Backend(
              "org/apache/logging/log4j/core/LoggerContext.class",
              "Log4j 2's backend (log4j-core), which the shim runtime does not use: UDF lines"
                  + " logged through the Log4j 2 API go to the server's own log",
              PROVIDED),
          new Backend(
              "org/apache/logging/slf4j/Log4jLoggerFactory.class",
              "an SLF4J binding to Log4j 2 (log4j-slf4j-impl or log4j-slf4j2-impl), which the"
                  + " shim runtime does not use: SLF4J goes to the runtime's logback, and a second"
                  + " provider makes SLF4J warn at every start",
              PROVIDED),
          new Backend(
              "org/apache/log4j/Logger.class",
              "Log4j 1.x (log4j or reload4j), whose lines go to its own appenders, which nothing"
                  + " configures on the platform, so they are lost",
              "exclude it and add org.slf4j:log4j-over-slf4j, which sends them to the server's"
                  + " log"),
          new Backend(
              "org/slf4j/impl/StaticLoggerBinder.class",
              "an SLF4J 1.x binding, which the runtime's SLF4J 2 ignores with a warning at every"
                  + " start",
              PROVIDED));

  /** Config files of logging backends, by name at the root of a jar. */
  private static final Pattern CONFIG =
      Pattern.compile(
          "(logback(-test)?\\.xml|log4j2(-test)?\\.(xml|properties|ya?ml|json|jsn)"
              + "|log4j\\.(properties|xml))");

  /** Appenders of a Log4j 2 configuration that write files. */
  private static final Pattern FILE_APPENDER =
      Pattern.compile(
          "(?i)<(RollingRandomAccessFile|RollingFile|RandomAccessFile|File|MemoryMappedFile)[\\s>]"
              + "|appender\\.[^.=\\s]+\\.type\\s*=\\s*(RollingRandomAccessFile|RollingFile"
              + "|RandomAccessFile|File|MemoryMappedFile)\\b");

  private BundledLogging() {}

  static List<String> warnings(UdfArchiveRequest request) {
    List<String> warnings = new ArrayList<>();
    scan(request.udfJar().getFileName() + " (the project's jar)", request.udfJar(), warnings);
    for (Jar jar : request.udfDependencies()) {
      scan(jar.file().getFileName() + " (" + jar + ")", jar.file(), warnings);
    }
    return warnings;
  }

  private static void scan(String name, java.nio.file.Path file, List<String> warnings) {
    try (JarFile jar = new JarFile(file.toFile())) {
      for (Backend backend : BACKENDS) {
        if (jar.getEntry(backend.entry()) != null) {
          warnings.add(name + " bundles " + backend.what() + "; " + backend.fix() + ".");
        }
      }
      Set<String> configs = new TreeSet<>();
      jar.stream()
          .map(ZipEntry::getName)
          .filter(n -> !n.contains("/") && CONFIG.matcher(n).matches())
          .forEach(configs::add);
      for (String config : configs) {
        warnings.add(name + " holds " + config + ", " + configProblem(jar, config) + ".");
      }
    } catch (IOException e) {
      // not a jar the runtime could read either; the build says so elsewhere
    }
  }

  private static String configProblem(JarFile jar, String config) throws IOException {
    if (config.startsWith("logback")) {
      return "which changes nothing: the shim runtime configures logback itself, and a UDF's lines"
          + " go to the server's log (stderr), tagged [udf <class>]; remove it from the jar";
    }
    if (config.startsWith("log4j2")) {
      Set<String> files = fileAppenders(jar, config);
      return "which the shim runtime never reads: it sends the Log4j 2 API to its own log (stderr)"
          + (files.isEmpty()
              ? ""
              : ", so its file appender"
                  + (files.size() == 1 ? " " : "s ")
                  + String.join(", ", files)
                  + (files.size() == 1 ? " never writes" : " never write"))
          + "; remove it from the jar, and read the UDF's lines in the server's log";
    }
    return "a Log4j 1.x configuration, which nothing reads on the platform; remove it, and log"
        + " through the SLF4J or Log4j 2 API";
  }

  private static Set<String> fileAppenders(JarFile jar, String config) throws IOException {
    String text;
    try (InputStream in = jar.getInputStream(jar.getEntry(config))) {
      text = new String(in.readNBytes(1 << 20), StandardCharsets.UTF_8);
    }
    Set<String> found = new LinkedHashSet<>();
    Matcher matcher = FILE_APPENDER.matcher(text);
    while (matcher.find()) {
      String type = matcher.group(1) != null ? matcher.group(1) : matcher.group(2);
      found.add(type.substring(0, 1).toUpperCase(Locale.ROOT) + type.substring(1));
    }
    return found;
  }
}
