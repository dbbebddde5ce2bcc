package dev.udfshim.maven.protoc;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Consumer;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipFile;

/** Compiles a folder of .proto files into Java messages and gRPC stubs with protoc. */
public final class ProtocGenerator {

  /** What a run did. */
  public enum Outcome {
    NO_SOURCES,
    UP_TO_DATE,
    GENERATED
  }

  private final ToolResolver resolver;
  private final ProtocPlatform platform;
  private final Consumer<String> log;

  public ProtocGenerator(ToolResolver resolver, ProtocPlatform platform, Consumer<String> log) {
    this.resolver = resolver;
    this.platform = platform;
    this.log = log;
  }

  public Outcome generate(ProtocRequest request) throws ProtocException {
    List<String> protos = listProtoFiles(request.protoDirectory());
    if (protos.isEmpty()) {
      log.accept("No .proto files in " + request.protoDirectory() + "; nothing to compile.");
      return Outcome.NO_SOURCES;
    }
    String fingerprint = fingerprint(request, protos);
    Path fingerprintFile = request.workDirectory().resolve("inputs.sha256");
    if (Files.isDirectory(request.javaOutput())
        && fingerprint.equals(readOrNull(fingerprintFile))) {
      log.accept(protos.size() + " .proto file(s) unchanged; generated sources are up to date.");
      return Outcome.UP_TO_DATE;
    }

    List<String> command = new ArrayList<>();
    command.add(install(request, "com.google.protobuf", "protoc", request.protobufVersion()));
    command.add("--proto_path=" + request.protoDirectory());
    // protoc binaries carry no well-known types; protobuf-java's jar has their .proto files.
    command.add("--proto_path=" + wellKnownTypes(request));
    command.add("--java_out=" + request.javaOutput());
    if (request.grpc()) {
      String plugin = install(request, "io.grpc", "protoc-gen-grpc-java", request.grpcVersion());
      command.add("--plugin=protoc-gen-grpc-java=" + plugin);
      command.add("--grpc-java_out=" + request.javaOutput());
    }
    command.addAll(protos);

    try {
      deleteTree(request.javaOutput());
      Files.createDirectories(request.javaOutput());
      Files.deleteIfExists(fingerprintFile);
    } catch (IOException | UncheckedIOException e) {
      throw new ProtocException(
          "Cannot prepare " + request.javaOutput() + ": " + e.getMessage(), e);
    }
    run(command, request.protoDirectory());
    try {
      Files.writeString(fingerprintFile, fingerprint);
    } catch (IOException e) {
      throw new ProtocException("Cannot write " + fingerprintFile + ": " + e.getMessage(), e);
    }
    log.accept(
        "Compiled "
            + protos.size()
            + " .proto file(s) from "
            + request.protoDirectory()
            + " into "
            + request.javaOutput()
            + (request.grpc() ? " (messages and gRPC stubs)." : " (messages)."));
    return Outcome.GENERATED;
  }

  /** Relative paths with '/' separators, sorted, so the fingerprint and command are stable. */
  static List<String> listProtoFiles(Path root) throws ProtocException {
    if (!Files.isDirectory(root)) {
      return List.of();
    }
    try (Stream<Path> files = Files.walk(root)) {
      return files
          .filter(p -> Files.isRegularFile(p) && p.getFileName().toString().endsWith(".proto"))
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException | UncheckedIOException e) {
      throw new ProtocException("Cannot list .proto files in " + root + ": " + e.getMessage(), e);
    }
  }

  private String fingerprint(ProtocRequest request, List<String> protos) throws ProtocException {
    try {
      MessageDigest digest = MessageDigest.getInstance("SHA-256");
      String settings =
          request.protobufVersion() + '|' + request.grpcVersion() + '|' + request.grpc() + '\n';
      digest.update(settings.getBytes(StandardCharsets.UTF_8));
      for (String proto : protos) {
        digest.update((proto + '\n').getBytes(StandardCharsets.UTF_8));
        digest.update(Files.readAllBytes(request.protoDirectory().resolve(proto)));
      }
      return HexFormat.of().formatHex(digest.digest());
    } catch (IOException e) {
      throw new ProtocException("Cannot read .proto files: " + e.getMessage(), e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JVM", e);
    }
  }

  /** Unpacks google/protobuf/*.proto of protobuf-java once per version; returns the folder. */
  private Path wellKnownTypes(ProtocRequest request) throws ProtocException {
    Path jar =
        resolver.resolveJar("com.google.protobuf", "protobuf-java", request.protobufVersion());
    Path folder = request.workDirectory().resolve("include-" + request.protobufVersion());
    if (Files.isDirectory(folder)) {
      return folder;
    }
    Path partial = request.workDirectory().resolve("include-" + request.protobufVersion() + ".tmp");
    try {
      deleteTree(partial);
      unpackWellKnownTypes(jar, partial);
      Files.move(partial, folder);
    } catch (IOException e) {
      throw new ProtocException(
          "Cannot unpack the well-known .proto files of " + jar + ": " + e.getMessage(), e);
    }
    return folder;
  }

  /**
   * Copies google/protobuf/*.proto out of the jar into the folder. An entry whose name leads
   * outside the folder (zip slip: a damaged or crafted jar) stops the build instead of writing.
   */
  static void unpackWellKnownTypes(Path jar, Path into) throws IOException, ProtocException {
    Path root = into.toAbsolutePath().normalize();
    try (ZipFile zip = new ZipFile(jar.toFile())) {
      for (ZipEntry entry : java.util.Collections.list(zip.entries())) {
        String name = entry.getName();
        if (entry.isDirectory()
            || !name.startsWith("google/protobuf/")
            || !name.endsWith(".proto")) {
          continue;
        }
        Path target = root.resolve(name).normalize();
        if (!target.startsWith(root)) {
          throw new ProtocException(
              jar
                  + " holds the entry '"
                  + name
                  + "', which points outside "
                  + root
                  + "; the jar is damaged or was tampered with: delete it from the local"
                  + " repository so Maven downloads it again.");
        }
        Files.createDirectories(target.getParent());
        try (InputStream in = zip.getInputStream(entry)) {
          Files.copy(in, target);
        }
      }
    }
  }

  /** Copies the resolved binary out of the local repository and makes it executable. */
  private String install(ProtocRequest request, String groupId, String artifactId, String version)
      throws ProtocException {
    Path source = resolver.resolve(groupId, artifactId, version, platform.classifier());
    String name =
        artifactId
            + "-"
            + version
            + "-"
            + platform.classifier()
            + (platform.windows() ? ".exe" : "");
    Path target = request.workDirectory().resolve("bin").resolve(name);
    try {
      Files.createDirectories(target.getParent());
      if (!Files.exists(target) || Files.size(target) != Files.size(source)) {
        Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING);
      }
      if (!target.toFile().setExecutable(true) && !platform.windows()) {
        throw new ProtocException("Cannot make " + target + " executable.");
      }
    } catch (IOException e) {
      throw new ProtocException(
          "Cannot copy " + source + " to " + target + ": " + e.getMessage(), e);
    }
    return target.toString();
  }

  private static void run(List<String> command, Path workingDirectory) throws ProtocException {
    Process process;
    try {
      process =
          new ProcessBuilder(command)
              .directory(workingDirectory.toFile())
              .redirectErrorStream(true)
              .start();
    } catch (IOException e) {
      throw new ProtocException("Cannot start " + command.get(0) + ": " + e.getMessage(), e);
    }
    try {
      String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
      int exit = process.waitFor();
      if (exit != 0) {
        throw new ProtocException(
            "protoc could not compile the .proto files in "
                + workingDirectory
                + " (exit "
                + exit
                + "):\n"
                + output.strip());
      }
    } catch (IOException e) {
      throw new ProtocException("Cannot read protoc's output: " + e.getMessage(), e);
    } catch (InterruptedException e) {
      process.destroyForcibly();
      Thread.currentThread().interrupt();
      throw new ProtocException("Interrupted while protoc was running.", e);
    }
  }

  private static String readOrNull(Path file) {
    try {
      return Files.isRegularFile(file) ? Files.readString(file) : null;
    } catch (IOException e) {
      return null;
    }
  }

  private static void deleteTree(Path root) throws IOException {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    }
  }
}
