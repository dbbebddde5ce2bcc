package dev.udfshim.maven;

import com.google.gson.Gson;
import dev.udfshim.maven.incremental.GoalRecord;
import dev.udfshim.maven.incremental.InputDigest;
import dev.udfshim.maven.isolation.IsolationException;
import dev.udfshim.maven.isolation.ResolvedJar;
import java.io.IOException;
import java.nio.file.Files;
import java.util.List;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.plugins.annotations.ResolutionScope;
import org.eclipse.aether.RepositorySystem;

/**
 * Writes one {@code spec_base64} per UDF signature found by {@code extract}, as {@code
 * scp_config/<class name>/<signature index>/spec_base64} under the shim directory. Each {@code
 * <class name>/<signature index>} folder is a ready {@code --config_override_dir} for the execution
 * handler; the indexes are those of {@code signatures.json}.
 */
@Mojo(
    name = "gen-spec",
    defaultPhase = LifecyclePhase.PREPARE_PACKAGE,
    requiresDependencyResolution = ResolutionScope.RUNTIME,
    threadSafe = true)
public class GenSpecMojo extends AbstractShimMojo {

  /** The platform's plugin id, written into every spec. */
  @Parameter(property = "shim.pluginId", defaultValue = "")
  private String pluginId;

  @Inject
  public GenSpecMojo(RepositorySystem repositorySystem) {
    super(repositorySystem);
  }

  @Override
  public void execute() throws MojoExecutionException, MojoFailureException {
    if (skip) {
      getLog().info("Skipping spec generation (shim.skip=true).");
      return;
    }
    if (!Files.isRegularFile(signaturesFile())) {
      throw new MojoFailureException(
          signaturesFile()
              + " does not exist; run the extract goal first (it is bound to process-classes, so"
              + " `mvn package` runs it).");
    }
    Map<String, String> request =
        Map.of(
            "signaturesFile", signaturesFile().toString(),
            "outputDirectory", configDirectory().toString(),
            "pluginId", pluginId == null ? "" : pluginId);
    List<ResolvedJar> runtime = runtimeJars();
    try {
      InputDigest inputs =
          Incremental.classPathInputs(this, runtime).file("signatures", signaturesFile());
      GoalRecord record =
          Incremental.record(this, "gen-spec", inputs, () -> Incremental.stats(configDirectory()));
      if (Incremental.upToDate(record, getLog(), "Spec generation", configDirectory())) {
        return;
      }
      SpecAnswer answer =
          new Gson()
              .fromJson(
                  sharedRuntime(classPath(runtime), inputs.digest(Incremental.CLASSES))
                      .call(BUILD_TOOLS, "generateSpecs", new Gson().toJson(request)),
                  SpecAnswer.class);
      for (String file : answer.files()) {
        getLog().debug("Wrote " + file);
      }
      getLog()
          .info(
              "Wrote " + answer.files().size() + " spec_base64 file(s) under " + configDirectory());
      record.finished();
    } catch (IsolationException | IOException e) {
      throw new MojoExecutionException(e.getMessage(), e);
    }
  }

  private record SpecAnswer(List<String> files) {}
}
