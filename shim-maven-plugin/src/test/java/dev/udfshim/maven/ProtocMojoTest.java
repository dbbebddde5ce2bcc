package dev.udfshim.maven;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.verifyNoInteractions;

import java.io.File;
import org.apache.maven.api.plugin.testing.InjectMojo;
import org.junit.jupiter.api.Test;

class ProtocMojoTest extends MojoTesting {

  @Test
  @InjectMojo(goal = "protoc")
  void defaults(ProtocMojo mojo) throws Exception {
    assertThat(parameter(mojo, "protoDirectory"))
        .isEqualTo(basedir.resolve("src/main/proto").toFile());
    assertThat(parameter(mojo, "outputDirectory"))
        .isEqualTo(basedir.resolve("target/generated-sources/protobuf").toFile());
    assertThat(parameter(mojo, "grpc")).isEqualTo(true);
    assertThat(parameter(mojo, "protobufVersion")).isNull();
    assertThat(parameter(mojo, "grpcVersion")).isNull();
    assertThat(parameter(mojo, "skip")).isEqualTo(false);
  }

  @Test
  @UserProperty(name = "shim.proto.directory", value = "/protos")
  @UserProperty(name = "shim.proto.outputDirectory", value = "/generated")
  @UserProperty(name = "shim.proto.grpc", value = "false")
  @UserProperty(name = "shim.protobuf.version", value = "3.25.1")
  @UserProperty(name = "shim.grpc.version", value = "1.60.0")
  @InjectMojo(goal = "protoc")
  void commandLineProperties(ProtocMojo mojo) throws Exception {
    assertThat(parameter(mojo, "protoDirectory")).isEqualTo(new File("/protos"));
    assertThat(parameter(mojo, "outputDirectory")).isEqualTo(new File("/generated"));
    assertThat(parameter(mojo, "grpc")).isEqualTo(false);
    assertThat(parameter(mojo, "protobufVersion")).isEqualTo("3.25.1");
    assertThat(parameter(mojo, "grpcVersion")).isEqualTo("1.60.0");
  }

  @Test
  @UserProperty(name = "shim.proto.skip", value = "true")
  @InjectMojo(goal = "protoc")
  void skipLogsOneLineAndTouchesNothing(ProtocMojo mojo) throws Exception {
    logging(mojo).execute();
    assertThat(logged).containsExactly("Skipping shim:protoc (shim.proto.skip=true).");
    verifyNoInteractions(session);
  }

  @Test
  @InjectMojo(goal = "protoc")
  void noProtoFilesCompileNothingAndAddNoSourceRoot(ProtocMojo mojo) throws Exception {
    logging(mojo).execute();
    assertThat(logged)
        .containsExactly(
            "No .proto files in " + basedir.resolve("src/main/proto") + "; nothing to compile.");
    assertThat(project.getCompileSourceRoots()).isEmpty();
  }
}
