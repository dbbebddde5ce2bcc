package dev.udfshim.maven.protoc;

import java.nio.file.Path;

/**
 * What to compile and where to.
 *
 * @param protoDirectory root of the .proto files; also the import root
 * @param javaOutput folder for the generated Java sources; emptied before each generation
 * @param workDirectory folder for the copied binaries and the input fingerprint
 * @param grpc whether to generate gRPC service stubs besides the messages
 * @param protobufVersion version of {@code com.google.protobuf:protoc}
 * @param grpcVersion version of {@code io.grpc:protoc-gen-grpc-java}
 */
public record ProtocRequest(
    Path protoDirectory,
    Path javaOutput,
    Path workDirectory,
    boolean grpc,
    String protobufVersion,
    String grpcVersion) {}
