package dev.udfshim.maven.init;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javax.inject.Named;
import javax.inject.Singleton;
import javax.lang.model.SourceVersion;

/**
 * A new UDF project from the templates in this package: a pom with the shim plugin bound and the
 * plugins that honour {@code project.build.outputTimestamp} pinned, a ScalarFunction and a
 * TableFunction with UdfTester tests, and a README. The templates hold {@code @name@} tokens.
 */
@Named
@Singleton
public final class ProjectScaffold {
  private static final Pattern COORDINATE = Pattern.compile("[A-Za-z0-9_.\\-]+");
  private static final Pattern TOKEN = Pattern.compile("@([A-Za-z0-9_.\\-]+)@");

  /**
   * What to generate.
   *
   * @param versions tool versions by their parent pom property name, e.g. {@code flink.version}
   */
  public record Request(
      String groupId,
      String artifactId,
      String version,
      String packageName,
      String outputTimestamp,
      Map<String, String> versions) {}

  /**
   * Writes the project into {@code <parent>/<artifactId>} and returns the files written, relative
   * to it.
   *
   * @throws ScaffoldException when a name is not usable or the folder already exists
   */
  public List<String> write(Path parent, Request request) throws ScaffoldException {
    check("groupId", request.groupId());
    check("artifactId", request.artifactId());
    check("version", request.version());
    if (!SourceVersion.isName(request.packageName())) {
      throw new ScaffoldException(
          "'"
              + request.packageName()
              + "' is not a Java package name; pass one with -Dpackage=com.example.udfs.");
    }
    Path project = parent.resolve(request.artifactId());
    if (Files.exists(project)) {
      throw new ScaffoldException(
          project
              + " already exists, and init never overwrites a project; choose another"
              + " -DartifactId, or run init in another folder.");
    }
    Map<String, String> tokens = new TreeMap<>(request.versions());
    tokens.put("groupId", request.groupId());
    tokens.put("artifactId", request.artifactId());
    tokens.put("version", request.version());
    tokens.put("package", request.packageName());
    tokens.put("packagePath", request.packageName().replace('.', '/'));
    tokens.put("outputTimestamp", request.outputTimestamp());
    List<String> written = new ArrayList<>();
    try {
      for (String line : template("files.txt").lines().toList()) {
        if (line.isBlank() || line.startsWith("#")) {
          continue;
        }
        String[] parts = line.split("->", -1);
        String target = fill(parts[1].strip(), tokens);
        Path file = project.resolve(target);
        Files.createDirectories(file.getParent());
        Files.writeString(file, fill(template(parts[0].strip()), tokens), StandardCharsets.UTF_8);
        written.add(target);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the new project into " + project, e);
    }
    return written;
  }

  private static void check(String name, String value) throws ScaffoldException {
    if (value == null || !COORDINATE.matcher(value).matches()) {
      throw new ScaffoldException(
          (value == null || value.isBlank()
                  ? "-D" + name + " is missing"
                  : "-D" + name + "=" + value + " is not a Maven coordinate")
              + "; pass letters, digits, '.', '_' or '-', e.g. -DgroupId=com.example"
              + " -DartifactId=my-udfs.");
    }
  }

  /** Replaces every token; a token without a value is a bug in the templates. */
  private static String fill(String text, Map<String, String> tokens) {
    Matcher matcher = TOKEN.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = tokens.get(matcher.group(1));
      if (value == null) {
        throw new IllegalStateException("Template token " + matcher.group() + " has no value");
      }
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return matcher.appendTail(out).toString();
  }

  private static String template(String name) throws IOException {
    try (InputStream in = ProjectScaffold.class.getResourceAsStream(name)) {
      if (in == null) {
        throw new IOException("Template " + name + " is missing from the plugin");
      }
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
