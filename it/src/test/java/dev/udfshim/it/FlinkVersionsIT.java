package dev.udfshim.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.udfshim.maven.linkage.LinkageCheck;
import dev.udfshim.protocol.codec.ValueCodec;
import dev.udfshim.protocol.framing.Framing;
import dev.udfshim.protocol.layout.ShimLayout;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Stream;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.table.data.conversion.DataStructureConverter;
import org.apache.flink.table.data.conversion.DataStructureConverters;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * One project written by {@code shim:init} per supported Flink line and built by the invoker
 * (shim-maven-plugin/src/it/init-flink-versions, and init-new-project for the default): each zip,
 * unzipped into an empty folder, serves its UDFs through {@code bin/shim serve} on the Flink it
 * carries, and the runtime it carries (with shim-test, which runs on the same Flink) uses nothing
 * of Flink that that Flink lacks.
 */
class FlinkVersionsIT {
  private static final Path PROJECTS =
      Path.of(System.getProperty("shim.it.projects"), "init-flink-versions");
  private static final Path DEFAULT =
      Path.of(System.getProperty("shim.it.projects"), "init-new-project");

  @TempDir static Path unpacked;

  static List<String> versions() {
    return List.of(System.getProperty("shim.it.flinkVersions").split(","));
  }

  @BeforeAll
  static void built() {
    // Left out of a run that selects other scenarios (the JDK 25 leg of .ci/run).
    Assumptions.assumeTrue(
        Files.isDirectory(PROJECTS) && Files.isDirectory(DEFAULT),
        "init-flink-versions and init-new-project were not among the scenarios built");
  }

  private static final Map<String, ShimZip> ZIPS = new ConcurrentHashMap<>();

  /**
   * The version's zip, unzipped once: init-flink-versions' project of that version, or for the
   * shim's default Flink (which that scenario leaves to it) init-new-project's first project.
   */
  private static ShimZip zip(String version) {
    return ZIPS.computeIfAbsent(
        version,
        v -> {
          String project = "on-flink-" + v;
          Path zip =
              v.equals(System.getProperty("shim.it.defaultFlink"))
                  ? DEFAULT.resolve("first/acme-udfs/target/acme-udfs-1.0.0-SNAPSHOT-shim.zip")
                  : PROJECTS.resolve(project + "/target/" + project + "-1.0.0-SNAPSHOT-shim.zip");
          return ShimZip.unpack(zip, unpacked.resolve(v));
        });
  }

  @ParameterizedTest
  @MethodSource("versions")
  void theUnzippedArtifactServesItsUdfsOnItsFlink(String version) throws Exception {
    ShimZip zip = zip(version);
    assertThat(
            zip.root()
                .resolve(ShimLayout.RUNTIME_LIB)
                .resolve("flink-table-runtime-" + version + ".jar"))
        .isRegularFile();

    try (ShimProcess server = zip.serve("execution", zip.spec("com.acme.AddOne", 0))) {
      byte[] arguments =
          java.nio.ByteBuffer.allocate(18).put(Calls.bigint(1)).put(Calls.bigint(2)).array();
      assertThat(Calls.invoke(server.port(), arguments)).isEqualTo(Calls.bigint(3));
    }

    try (ShimProcess server = zip.serve("execution", zip.spec("com.acme.SplitWords", 0))) {
      byte[] response = Calls.invoke(server.port(), Calls.string(" to  be "));
      DataType row =
          DataTypes.ROW(
              DataTypes.FIELD("word", DataTypes.STRING()),
              DataTypes.FIELD("length", DataTypes.INT()));
      DataStructureConverter<Object, Object> converter = DataStructureConverters.getConverter(row);
      converter.open(getClass().getClassLoader());
      List<Object> rows =
          Framing.ONE_ROW
              .readRows(response, 1, ValueCodec.forType(row.getLogicalType()))
              .get(0)
              .stream()
              .map(converter::toExternalOrNull)
              .toList();
      assertThat(rows).containsExactly(Row.of("to", 2), Row.of("be", 2));
    }
  }

  @ParameterizedTest
  @MethodSource("versions")
  void theRuntimeUsesNothingOfFlinkThatItsFlinkLacks(String version) throws IOException {
    Path lib = zip(version).root().resolve(ShimLayout.RUNTIME_LIB);
    List<Path> runtime;
    try (Stream<Path> jars = Files.list(lib)) {
      runtime = jars.sorted().toList();
    }
    List<Path> ours = new ArrayList<>();
    runtime.stream()
        .filter(jar -> jar.getFileName().toString().matches("shim-(runtime|protocol)-.*\\.jar"))
        .forEach(ours::add);
    assertThat(ours).hasSize(2);
    ours.add(Path.of(System.getProperty("shim.test.jar")));
    try (LinkageCheck check = new LinkageCheck(ours, runtime, LinkageCheck.FLINK)) {
      assertThat(check.missing()).as("Flink %s", version).isEmpty();
    }
  }
}
