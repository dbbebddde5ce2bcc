package dev.udfshim.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.udfshim.protocol.layout.ShimLayout;
import io.confluent.flink.udf.extractor.v1.ExtractionRequest;
import io.grpc.ManagedChannel;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The runtime-only deployment artifact (shim-runtime's {@code -bin.zip}) as the platform operator
 * runs it: a user's UDF upload zip served as it is, with the config dir holding the spec, each
 * answer equal, byte for byte, to the answer of the project's own shim artifact.
 */
class RuntimeArtifactIT {
  private static final String PACKAGE = "com.example.udfs.";

  @TempDir static Path work;
  private static ShimZip runtime;
  private static ShimZip project;
  private static Path udfZip;

  @BeforeAll
  static void unpack() {
    runtime =
        ShimZip.unpack(Path.of(System.getProperty("shim.runtime.zip")), work.resolve("runtime"));
    project =
        ShimZip.unpack("udf-project-good", "good-udfs-1.0.0-shim.zip", work.resolve("project"));
    udfZip =
        Path.of(
            System.getProperty("shim.it.projects"),
            "udf-project-good",
            "target",
            "good-udfs-1.0.0-udf.zip");
  }

  private static List<String> files(Path root) {
    try (Stream<Path> all = Files.walk(root)) {
      return all.filter(Files::isRegularFile)
          .map(p -> root.relativize(p).toString().replace('\\', '/'))
          .sorted()
          .toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Test
  void holdsTheRuntimeAloneAsTheShimArtifactHoldsIt() {
    List<String> runtimeFiles = files(runtime.root());
    assertThat(runtime.root().resolve(ShimLayout.LAUNCHER)).isExecutable();
    assertThat(runtimeFiles)
        .as("no UDF, no spec, no signatures")
        .noneMatch(f -> f.startsWith(ShimLayout.UDF_LIB) || f.startsWith(ShimLayout.CONFIG_ROOT))
        .doesNotContain(ShimLayout.SIGNATURES);
    List<String> projectRuntime =
        files(project.root()).stream()
            .filter(
                f ->
                    f.startsWith(ShimLayout.RUNTIME_LIB + "/")
                        || f.equals(ShimLayout.LAUNCHER)
                        || f.equals(ShimLayout.LAUNCHER_CMD))
            .toList();
    assertThat(runtimeFiles).containsAll(projectRuntime);
    assertThat(runtimeFiles)
        .containsExactlyElementsOf(
            Stream.concat(projectRuntime.stream(), Stream.of(ShimLayout.MANIFEST))
                .sorted()
                .toList());
  }

  /** The runtime-only artifact serving the upload zip, and the project's artifact, side by side. */
  private static Pair serve(String handler, Path configDir, Path udfClassPath) throws Exception {
    List<String> arguments = new ArrayList<>(ShimProcess.serveArguments(handler, configDir));
    arguments.add("--udf-classpath");
    arguments.add(udfClassPath.toString());
    List<String> command = new ArrayList<>();
    command.add(runtime.root().resolve(ShimLayout.LAUNCHER).toString());
    command.addAll(arguments);
    // No class-data archive: the pair starts at once, and the test is about answers.
    Map<String, String> environment =
        Map.of("SHIM_CDS", "off", "JAVA_OPTS", "-Djava.io.tmpdir=" + work);
    CompletableFuture<ShimProcess> operator =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return ShimProcess.start(command, environment);
              } catch (Exception e) {
                throw new IllegalStateException(e);
              }
            });
    ShimProcess own = project.serve(handler, configDir, Map.of("SHIM_CDS", "off"));
    return new Pair(operator.get(90, TimeUnit.SECONDS), own);
  }

  private record Pair(ShimProcess operator, ShimProcess own) implements AutoCloseable {
    /** The same payload to both: the answers (payload and error trailer) must be equal. */
    Calls.Answer sameAnswer(byte[] payload) throws InterruptedException {
      ManagedChannel a = Calls.channel(operator.port());
      ManagedChannel b = Calls.channel(own.port());
      try {
        Calls.Answer fromOperator = Calls.call(a, payload);
        Calls.Answer fromOwn = Calls.call(b, payload);
        assertThat(HexFormat.of().formatHex(fromOperator.payload()))
            .as("payload for %s", HexFormat.of().formatHex(payload))
            .isEqualTo(HexFormat.of().formatHex(fromOwn.payload()));
        assertThat(fromOperator.error()).isEqualTo(fromOwn.error());
        return fromOperator;
      } finally {
        a.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
        b.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      }
    }

    @Override
    public void close() {
      operator.close();
      own.close();
    }
  }

  private static byte[] concat(byte[]... parts) {
    ByteBuffer all = ByteBuffer.allocate(Stream.of(parts).mapToInt(p -> p.length).sum());
    for (byte[] part : parts) {
      all.put(part);
    }
    return all.array();
  }

  private static final byte[] NULL = {1};

  @Test
  void extractionAnswersTheSameForEveryUdfAndAMissingOne() throws Exception {
    Path empty = Files.createDirectories(work.resolve("empty-config"));
    try (Pair pair = serve("extraction", empty, udfZip)) {
      for (String name :
          List.of("AddOne", "HexUpper", "RuntimeInfo", "SplitWords", "Helper", "Missing")) {
        pair.sameAnswer(
            ExtractionRequest.newBuilder().setClassName(PACKAGE + name).build().toByteArray());
      }
    }
  }

  @Test
  void executionAnswersTheSameForEverySignature() throws Exception {
    Map<String, List<byte[]>> calls =
        Map.of(
            "AddOne/0",
            List.of(
                concat(Calls.bigint(1), Calls.bigint(2)),
                concat(NULL, Calls.bigint(5)),
                Calls.bigint(1), // a call for another signature
                new byte[] {0, 1}),
            "HexUpper/0",
            List.of(Calls.string("abc"), NULL),
            "HexUpper/1",
            List.of(concat(Calls.string("ab"), Calls.integer(3)), concat(Calls.string("ab"), NULL)),
            "RuntimeInfo/0",
            List.of(Calls.string("created property:none job:greeting"), Calls.string("nope")),
            "SplitWords/0",
            List.of(Calls.string("to be or"), NULL));
    List<String> signatures = new ArrayList<>(calls.keySet());
    signatures.sort(null);
    for (String signature : signatures) {
      String className = PACKAGE + signature.substring(0, signature.indexOf('/'));
      int index = Integer.parseInt(signature.substring(signature.indexOf('/') + 1));
      try (Pair pair = serve("execution", project.spec(className, index), udfZip)) {
        for (byte[] payload : calls.get(signature)) {
          pair.sameAnswer(payload);
        }
        if (signature.equals("AddOne/0")) {
          assertThat(pair.sameAnswer(concat(Calls.bigint(1), Calls.bigint(2))).payload())
              .isEqualTo(Calls.bigint(3));
        }
      }
    }
  }

  @Test
  void theUploadZipUnzippedOrItsJarsServeTheSame() throws Exception {
    Path unzipped = work.resolve("udf-unzipped");
    ShimZip.unpack(udfZip, unzipped);
    Path spec = project.spec(PACKAGE + "HexUpper", 0);
    for (Path classPath :
        List.of(
            unzipped,
            Path.of(
                unzipped.resolve("good-udfs-1.0.0.jar")
                    + java.io.File.pathSeparator
                    + unzipped.resolve("commons-codec-1.17.1.jar")))) {
      try (Pair pair = serve("execution", spec, classPath)) {
        pair.sameAnswer(Calls.string("abc"));
      }
    }
  }

  @Test
  void theUnpackedJarsGoWithTheServer() throws Exception {
    try (Pair pair = serve("execution", project.spec(PACKAGE + "AddOne", 0), udfZip)) {
      pair.sameAnswer(concat(Calls.bigint(1), Calls.bigint(2)));
      pair.operator().terminate();
      assertThat(pair.operator().awaitExit(60_000)).isZero();
    }
    try (Stream<Path> left = Files.list(work)) {
      assertThat(left.map(p -> p.getFileName().toString()))
          .noneMatch(n -> n.startsWith("shim-udf-"));
    }
  }
}
