package dev.udfshim.maven;

import dev.udfshim.maven.project.ProjectContext;
import dev.udfshim.maven.protoc.Protoc;
import dev.udfshim.maven.protoc.ProtocException;
import dev.udfshim.maven.protoc.ProtocGoal;
import dev.udfshim.maven.protoc.ProtocRequest;
import java.io.File;
import javax.inject.Inject;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * Compiles the project's .proto files into Java message classes and gRPC stubs, and adds them as a
 * source root. protoc and protoc-gen-grpc-java are taken from Maven Central for the build machine's
 * OS and CPU; nothing is installed by hand. Does nothing when the .proto files, the tool versions
 * and the options are unchanged since the last run.
 */
@Mojo(name = "protoc", defaultPhase = LifecyclePhase.GENERATE_SOURCES, threadSafe = true)
public class ProtocMojo extends AbstractMojo {

  /** Root folder of the .proto files; also the import root. */
  @Parameter(
      property = "shim.proto.directory",
      defaultValue = "${project.basedir}/src/main/proto",
      required = true)
  private File protoDirectory;

  /** Where the generated Java sources go; the folder is emptied before each generation. */
  @Parameter(
      property = "shim.proto.outputDirectory",
      defaultValue = "${project.build.directory}/generated-sources/protobuf",
      required = true)
  private File outputDirectory;

  /** Generate gRPC service stubs as well as message classes. */
  @Parameter(property = "shim.proto.grpc", defaultValue = "true")
  private boolean grpc;

  /**
   * Version of {@code com.google.protobuf:protoc}. Defaults to the protobuf version this plugin was
   * built with; keep it equal to the protobuf-java version on the class path.
   */
  @Parameter(property = "shim.protobuf.version")
  private String protobufVersion;

  /**
   * Version of {@code io.grpc:protoc-gen-grpc-java}. Defaults to the plugin's grpc-java version.
   */
  @Parameter(property = "shim.grpc.version")
  private String grpcVersion;

  /** Skip this goal. */
  @Parameter(property = "shim.proto.skip", defaultValue = "false")
  private boolean skip;

  @Parameter(defaultValue = "${project}", readonly = true, required = true)
  private MavenProject project;

  @Parameter(defaultValue = "${session}", readonly = true, required = true)
  private MavenSession session;

  private final Protoc protoc;

  @Inject
  public ProtocMojo(Protoc protoc) {
    this.protoc = protoc;
  }

  @Override
  public void execute() throws MojoFailureException {
    if (GoalSkip.skipped(skip, "protoc", "shim.proto.skip", getLog())) {
      return;
    }
    ProtocRequest request =
        new ProtocRequest(
            protoDirectory.toPath(),
            outputDirectory.toPath(),
            new File(project.getBuild().getDirectory(), "shim-protoc").toPath(),
            grpc,
            protobufVersion != null ? protobufVersion : PluginVersions.protobuf(),
            grpcVersion != null ? grpcVersion : PluginVersions.grpc());
    try {
      protoc.generate(new ProtocGoal(new ProjectContext(session, project), request), getLog());
    } catch (ProtocException e) {
      throw new MojoFailureException(e.getMessage(), e);
    }
  }
}
