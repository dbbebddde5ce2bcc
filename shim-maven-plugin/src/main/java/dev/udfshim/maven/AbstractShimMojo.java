package dev.udfshim.maven;

import dev.udfshim.maven.project.ProjectContext;
import java.io.File;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal that builds on the shim runtime shares: the project, the shim directory, and the
 * skip rule. Each goal builds one request and hands it to one component.
 */
abstract class AbstractShimMojo extends AbstractMojo {
  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  protected MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  protected MavenSession session;

  /**
   * Folder of the build's shim outputs: {@code signatures.json}, {@code scp_config/} and the files
   * the archive is assembled from.
   */
  @Parameter(
      property = "shim.directory",
      defaultValue = "${project.build.directory}/shim",
      required = true)
  protected File shimDirectory;

  /**
   * The Flink the shim runtime runs the UDFs on (it ships in the artifact and runs the tests with
   * the prepare-tests goal), e.g. {@code 1.20.3}. Default: the version of Flink's table API the
   * project compiles against ({@code flink-table-common}); without one, the shim's own default.
   * Supported: Flink 1.20, 2.0, 2.1, 2.2 and 2.3. Set it to build for an older Flink than the one
   * compiled against: the linkage check then fails on any Flink member that one lacks.
   */
  @Parameter(property = "shim.flinkVersion")
  protected String flinkVersion;

  /** Skip every goal of this plugin. */
  @Parameter(property = "shim.skip", defaultValue = "false")
  protected boolean skip;

  @Override
  public final void execute() throws MojoExecutionException, MojoFailureException {
    if (!GoalSkip.skipped(skip, goal(), "shim.skip", getLog())) {
      run();
    }
  }

  /** The goal's name, as the skip line says it. */
  protected abstract String goal();

  /** Builds the goal's request and hands it to its component. */
  protected abstract void run() throws MojoExecutionException, MojoFailureException;

  protected ProjectContext context() {
    return new ProjectContext(session, project, flinkVersion);
  }
}
