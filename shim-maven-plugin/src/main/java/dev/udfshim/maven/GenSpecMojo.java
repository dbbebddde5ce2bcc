package dev.udfshim.maven;

import dev.udfshim.maven.spec.SpecGeneration;
import dev.udfshim.maven.spec.SpecGoal;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;

/**
 * Writes one {@code spec_base64} per UDF signature found by {@code extract}, as {@code
 * scp_config/<class name>/<signature index>/spec_base64} under the shim directory. Each {@code
 * <class name>/<signature index>} folder is a ready {@code --config_override_dir} for the execution
 * handler; the indexes are those of {@code signatures.json}.
 */
@Mojo(
    name = "gen-spec",
    defaultPhase = LifecyclePhase.PREPARE_PACKAGE,
    requiresDependencyResolution = ResolutionScope.COMPILE_PLUS_RUNTIME,
    threadSafe = true)
public class GenSpecMojo extends AbstractShimMojo {

  /** The platform's plugin id, written into every spec. */
  @Parameter(property = "shim.pluginId", defaultValue = "")
  private String pluginId;

  private final SpecGeneration specs;

  @Inject
  public GenSpecMojo(SpecGeneration specs) {
    this.specs = specs;
  }

  @Override
  protected String goal() {
    return "gen-spec";
  }

  @Override
  protected void run() throws MojoExecutionException, MojoFailureException {
    specs.generate(
        new SpecGoal(context(), shimDirectory.toPath(), pluginId == null ? "" : pluginId),
        getLog());
  }
}
