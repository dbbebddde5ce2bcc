package dev.udfshim.maven;

import dev.udfshim.maven.flink.FlinkVersion;
import dev.udfshim.maven.flink.SupportedFlink;
import dev.udfshim.maven.init.ProjectScaffold;
import dev.udfshim.maven.init.ScaffoldException;
import java.io.File;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import javax.inject.Inject;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Creates a new UDF project in {@code <artifactId>/}: a pom with Flink provided, this plugin bound
 * and the compiler and jar plugins pinned to versions that honour {@code
 * project.build.outputTimestamp} (so the zips are byte-identical over builds), an example
 * ScalarFunction and TableFunction, JUnit 5 tests with UdfTester, and a README. Never overwrites.
 *
 * <pre>
 * mvn dev.udfshim:shim-maven-plugin:VERSION:init -DgroupId=com.example -DartifactId=my-udfs
 * </pre>
 */
@Mojo(name = "init", requiresProject = false, threadSafe = true)
public class InitMojo extends AbstractMojo {

  /** groupId of the new project. */
  @Parameter(property = "groupId", required = true)
  private String groupId;

  /** artifactId of the new project, also the name of its folder. */
  @Parameter(property = "artifactId", required = true)
  private String artifactId;

  /** version of the new project. */
  @Parameter(property = "version", defaultValue = "1.0.0-SNAPSHOT")
  private String version;

  /** Java package of the example UDFs. Default: the groupId. */
  @Parameter(property = "package")
  private String packageName;

  /** Where the project folder is created. */
  @Parameter(property = "shim.init.directory", defaultValue = "${user.dir}")
  private File directory;

  /**
   * The Flink the new project compiles against (its {@code flink.version} property), one of the
   * supported lines: 1.20, 2.0, 2.1, 2.2, 2.3. Default: the shim's own Flink.
   */
  @Parameter(property = "flink.version")
  private String flinkVersion;

  /** project.build.outputTimestamp of the new project (ISO-8601). Default: now, to the second. */
  @Parameter(property = "shim.init.outputTimestamp")
  private String outputTimestamp;

  private final ProjectScaffold scaffold;

  @Inject
  public InitMojo(ProjectScaffold scaffold) {
    this.scaffold = scaffold;
  }

  /** The version, when it is of a Flink line the shim supports. */
  private static String supportedFlink(String version) throws MojoFailureException {
    Optional<FlinkVersion> parsed = FlinkVersion.parse(version);
    if (parsed.isEmpty() || !SupportedFlink.supports(parsed.get())) {
      throw new MojoFailureException(
          "-Dflink.version="
              + version
              + " is not a Flink the shim runs UDFs on; pass one of Flink "
              + SupportedFlink.lines()
              + ", e.g. -Dflink.version="
              + SupportedFlink.versions().get(SupportedFlink.versions().size() - 1)
              + ".");
    }
    return version;
  }

  @Override
  public void execute() throws MojoFailureException {
    Map<String, String> versions = new TreeMap<>(PluginVersions.all());
    if (flinkVersion != null && !flinkVersion.isBlank()) {
      versions.put("flink.version", supportedFlink(flinkVersion.strip()));
    }
    String timestamp =
        outputTimestamp != null
            ? outputTimestamp
            : Instant.now().truncatedTo(ChronoUnit.SECONDS).toString();
    ProjectScaffold.Request request =
        new ProjectScaffold.Request(
            groupId,
            artifactId,
            version,
            packageName != null ? packageName : groupId,
            timestamp,
            versions);
    List<String> files;
    try {
      files = scaffold.write(directory.toPath(), request);
    } catch (ScaffoldException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
    File project = new File(directory, artifactId);
    getLog()
        .info(
            "The new project compiles against and runs on Flink " + versions.get("flink.version"));
    files.forEach(file -> getLog().info("Wrote " + artifactId + "/" + file));
    getLog().info("New UDF project in " + project + "; next: cd " + artifactId + " && mvn package");
  }
}
