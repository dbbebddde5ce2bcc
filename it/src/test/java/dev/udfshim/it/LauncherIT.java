package dev.udfshim.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.udfshim.protocol.layout.ShimLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code bin/shim} of an unzipped artifact as the platform starts it: the JDK 24+ options, and the
 * class-data sharing archive it writes at the first exit and starts from afterwards, with every
 * fallback to a normal start.
 */
class LauncherIT {
  private static final Path JDK25 =
      Path.of(System.getProperty("shim.it.jdk25", "/usr/lib/jvm/temurin-25-jdk-amd64"));
  private static final String CLASS = "com.example.udfs.AddOne";

  /** A line of the runtime's own log; anything else on the output comes from the JVM. */
  private static final Pattern LOG_LINE =
      Pattern.compile("^\\d{4}-\\d{2}-\\d{2}T\\S+ \\[(TRACE|DEBUG|INFO|WARN|ERROR)\\] .*");

  @TempDir Path work;

  private ShimZip unpack() {
    return ShimZip.unpack("udf-project-good", "good-udfs-1.0.0-shim.zip", work.resolve("shim"));
  }

  /** Serves AddOne with the JVM running this test unless the environment says otherwise. */
  private static ShimProcess serve(ShimZip zip, Map<String, String> environment) throws Exception {
    Map<String, String> env = new HashMap<>();
    env.put("JAVA_HOME", System.getProperty("java.home"));
    env.putAll(environment);
    return zip.serve("execution", zip.spec(CLASS, 0), env);
  }

  /** One answered call, then SIGTERM and a clean exit: the archive is written at that exit. */
  private static List<String> serveOnce(ShimZip zip, Map<String, String> environment)
      throws Exception {
    return serveOnceWithLog(zip, environment).arguments();
  }

  /** The JVM's arguments and every line of one served call. */
  private record Served(List<String> arguments, List<String> lines) {}

  private static Served serveOnceWithLog(ShimZip zip, Map<String, String> environment)
      throws Exception {
    try (ShimProcess server = serve(zip, environment)) {
      assertThat(Calls.invoke(server.port(), addOneArguments())).isEqualTo(Calls.bigint(3));
      List<String> arguments = jvmArguments(server);
      server.terminate();
      assertThat(server.awaitExit(60_000)).as(server.log()).isZero();
      return new Served(arguments, server.lines());
    }
  }

  /**
   * The server JVM's arguments: bin/shim becomes the JVM, except on the start that writes the
   * archive, where it waits for it as its parent.
   */
  private static List<String> jvmArguments(ShimProcess server) {
    ProcessHandle process = server.process().toHandle();
    ProcessHandle jvm =
        process.info().command().orElse("").endsWith("/java")
            ? process
            : process
                .children()
                .filter(p -> p.info().command().orElse("").endsWith("/java"))
                .findFirst()
                .orElseThrow(() -> new AssertionError("bin/shim started no JVM"));
    return List.of(jvm.info().arguments().orElseThrow());
  }

  private static List<Path> files(Path folder) {
    if (!Files.isDirectory(folder)) {
      return List.of();
    }
    try (Stream<Path> list = Files.list(folder)) {
      return list.sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String option(List<String> arguments, String prefix) {
    return arguments.stream().filter(a -> a.startsWith(prefix)).findFirst().orElse(null);
  }

  /** Classes the JVM took from the top (dynamic) archive, per its class-load log. */
  private static long sharedClasses(Path classLog) throws IOException {
    try (Stream<String> lines = Files.lines(classLog)) {
      return lines
          .filter(
              l -> l.contains("dev.udfshim.runtime.") && l.contains("shared objects file (top)"))
          .count();
    }
  }

  private Map<String, String> logClassesTo(Path classLog) {
    return Map.of("JAVA_OPTS", "-Xlog:class+load=info:file=" + classLog);
  }

  @Test
  void theFirstStartWritesAnArchiveAtExitAndTheNextStartsFromIt() throws Exception {
    ShimZip zip = unpack();
    Path cds = zip.root().resolve("cds");

    Served first = serveOnceWithLog(zip, Map.of());
    assertThat(option(first.arguments(), "-XX:ArchiveClassesAtExit=")).contains(cds.toString());
    List<Path> written = files(cds);
    assertThat(written)
        .as("written and put in place at the exit: no file of the writer's own is left")
        .singleElement()
        .asString()
        .matches(".*/shim-.*-execution\\.jsa");
    assertThat(first.lines().get(first.lines().size() - 1))
        .as("the last line says that the archive is being written")
        .contains(
            "[INFO] ServerProcess - Writing the class-data sharing archive " + written.get(0));

    Path classLog = work.resolve("classes.log");
    List<String> second = serveOnce(zip, logClassesTo(classLog));
    Path archive = Path.of(option(second, "-XX:SharedArchiveFile=").split("=", 2)[1]);
    assertThat(files(cds)).as("the complete archive was renamed for use").containsExactly(archive);
    assertThat(option(second, "-XX:ArchiveClassesAtExit=")).isNull();
    assertThat(sharedClasses(classLog)).as("runtime classes loaded from the archive").isPositive();
  }

  @Test
  void aDamagedArchiveIsAStartWithoutIt() throws Exception {
    ShimZip zip = unpack();
    serveOnce(zip, Map.of());
    serveOnce(zip, Map.of()); // renames the archive
    Path archive = files(zip.root().resolve("cds")).get(0);
    archive.toFile().setWritable(true);
    Files.write(archive, new byte[64 * 1024]); // the name of a good one, bytes of none

    Path classLog = work.resolve("classes.log");
    try (ShimProcess server = serve(zip, logClassesTo(classLog))) {
      assertThat(Calls.invoke(server.port(), addOneArguments())).isEqualTo(Calls.bigint(3));
      assertThat(foreignLines(server)).as("silent").isEmpty();
    }
    assertThat(sharedClasses(classLog)).isZero();
  }

  @Test
  void anArchiveCutShortByAKillIsDroppedAndWrittenAgain() throws Exception {
    ShimZip zip = unpack();
    Path cds = Files.createDirectories(zip.root().resolve("cds"));
    serveOnce(zip, Map.of());
    Path whole = files(cds).get(0);
    // What a kill during the dump leaves: the regions, but not the header that is written last.
    Path cut = whole.resolveSibling(whole.getFileName() + ".1");
    Files.move(whole, cut);
    cut.toFile().setWritable(true);
    try (FileChannel channel = FileChannel.open(cut, StandardOpenOption.WRITE)) {
      channel.write(ByteBuffer.allocate(4096), 0);
    }

    List<String> arguments = serveOnce(zip, Map.of());
    assertThat(option(arguments, "-XX:SharedArchiveFile=")).isNull();
    assertThat(files(cds)).singleElement().isNotEqualTo(cut).isEqualTo(whole);
    assertThat(option(arguments, "-XX:ArchiveClassesAtExit="))
        .contains(files(cds).get(0).getFileName().toString() + ".");
  }

  @Test
  void aReadOnlyFolderStillServesItsArchive() throws Exception {
    ShimZip zip = unpack();
    Path cds = zip.root().resolve("cds");
    serveOnce(zip, Map.of());
    serveOnce(zip, Map.of());
    List<Path> before = files(cds);
    assertThat(cds.toFile().setWritable(false, false)).isTrue();
    try {
      Path classLog = work.resolve("classes.log");
      List<String> arguments = serveOnce(zip, logClassesTo(classLog));
      assertThat(option(arguments, "-XX:SharedArchiveFile=")).isNotNull();
      assertThat(sharedClasses(classLog)).isPositive();
      assertThat(files(cds)).isEqualTo(before);
    } finally {
      cds.toFile().setWritable(true, false);
    }
  }

  @Test
  void withoutAWritableFolderTheJvmStartsAsUsual() throws Exception {
    ShimZip zip = unpack();
    Path notAFolder = Files.writeString(work.resolve("file"), "");
    List<String> arguments =
        serveOnce(zip, Map.of("SHIM_CDS_DIR", notAFolder.resolve("cds").toString()));
    assertThat(arguments)
        .noneMatch(a -> a.contains("SharedArchiveFile") || a.contains("ArchiveClassesAtExit"));
  }

  @Test
  void cdsOffWritesAndReadsNoArchive() throws Exception {
    ShimZip zip = unpack();
    List<String> arguments = serveOnce(zip, Map.of("SHIM_CDS", "off"));
    assertThat(arguments).noneMatch(a -> a.startsWith("-XX:") && a.contains("Archive"));
    assertThat(files(zip.root().resolve("cds"))).isEmpty();
  }

  @Test
  void jdk17GetsNoneOfTheJdk24Options() throws Exception {
    assumeTrue(
        Runtime.version().feature() < 24, "the ITs run on JDK 24+: jdk25StartsWithoutAWarning");
    List<String> arguments = serveOnce(unpack(), Map.of("SHIM_CDS", "off"));
    assertThat(arguments)
        .contains("-XX:MaxRAMPercentage=75", "-XX:+ExitOnOutOfMemoryError")
        .noneMatch(
            a ->
                a.startsWith("--sun-misc-unsafe-memory-access")
                    || a.startsWith("--illegal-native-access"));
  }

  @Test
  void jdk25StartsWithoutAWarning() throws Exception {
    assertThat(JDK25.resolve("bin/java"))
        .as("JDK 25 for this test; point -Dshim.it.jdk25 at one")
        .isExecutable();
    ShimZip zip = unpack();
    Map<String, String> jdk25 = Map.of("JAVA_HOME", JDK25.toString());
    for (int start = 0; start < 2; start++) { // writes the archive, then starts from it
      try (ShimProcess server = serve(zip, jdk25)) {
        assertThat(Calls.invoke(server.port(), addOneArguments())).isEqualTo(Calls.bigint(3));
        assertThat(jvmArguments(server))
            .contains("--sun-misc-unsafe-memory-access=allow", "--illegal-native-access=allow");
        server.terminate();
        assertThat(server.awaitExit(60_000)).isZero();
        assertThat(foreignLines(server)).as("nothing but the runtime's log").isEmpty();
      }
    }

    // The same JVM, told to warn again: the check above sees what the options silence.
    Map<String, String> warn =
        Map.of(
            "JAVA_HOME", JDK25.toString(),
            "SHIM_CDS", "off",
            "JAVA_OPTS", "--sun-misc-unsafe-memory-access=warn --illegal-native-access=warn");
    try (ShimProcess server = serve(zip, warn)) {
      Calls.invoke(server.port(), addOneArguments());
      assertThat(foreignLines(server))
          .anyMatch(l -> l.startsWith("WARNING: A terminally deprecated method in sun.misc.Unsafe"))
          .anyMatch(l -> l.startsWith("WARNING: A restricted method in java.lang.System"));
    }
  }

  @Test
  void aNormalStartAndStopLogNoWarning() throws Exception {
    ShimZip zip = unpack();
    for (int start = 0; start < 2; start++) { // writes the archive, then starts from it
      List<String> lines = serveOnceWithLog(zip, Map.of()).lines();
      assertThat(lines)
          .as("only the runtime's own INFO lines")
          .allMatch(l -> LOG_LINE.matcher(l).matches(), "a log line")
          .noneMatch(l -> l.contains("[WARN]") || l.contains("[ERROR]"));
    }
  }

  @Test
  void aKilledLauncherDoesNotLeaveItsServerRunning() throws Exception {
    ShimZip zip = unpack();
    try (ShimProcess server = serve(zip, Map.of())) {
      List<ProcessHandle> jvms = server.process().toHandle().children().toList();
      assertThat(jvms).as("the start that writes the archive waits for its JVM").hasSize(1);
      try {
        server.process().destroyForcibly(); // SIGKILL: no trap of bin/shim runs
        assertThat(jvms.get(0).onExit().get(60, TimeUnit.SECONDS).isAlive()).isFalse();
      } finally {
        jvms.get(0).destroyForcibly();
      }
    }
  }

  /** The launcher killed while its JVM still starts: the JVM must not go on to serve alone. */
  @Test
  void aLauncherKilledWhileItsJvmStartsLeavesNoServer() throws Exception {
    ShimZip zip = unpack();
    Path log = work.resolve("serve.log");
    List<String> command = new ArrayList<>();
    command.add(zip.root().resolve(ShimLayout.LAUNCHER).toString());
    command.addAll(ShimProcess.serveArguments("execution", zip.spec(CLASS, 0)));
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().put("JAVA_HOME", System.getProperty("java.home"));
    Process launcher = builder.start();
    ProcessHandle jvm = null;
    try {
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (jvm == null && System.nanoTime() < until) {
        // bin/shim runs short helpers first (readlink, od, mkdir): wait for its java.
        jvm =
            launcher
                .toHandle()
                .children()
                .filter(c -> c.info().command().map(cmd -> cmd.endsWith("/java")).orElse(false))
                .findFirst()
                .orElse(null);
        Thread.sleep(5);
      }
      assertThat(jvm).as("bin/shim started no JVM").isNotNull();
      launcher.destroyForcibly();
      assertThat(jvm.onExit().get(60, TimeUnit.SECONDS).isAlive()).isFalse();
      assertThat(Files.readString(log))
          .as("why it stopped")
          .contains("bin/shim (pid " + launcher.pid() + ") has ended; stopping as on SIGTERM");
    } finally {
      launcher.destroyForcibly();
      if (jvm != null) {
        jvm.destroyForcibly();
      }
    }
  }

  private static byte[] addOneArguments() {
    return ByteBuffer.allocate(18).put(Calls.bigint(1)).put(Calls.bigint(2)).array();
  }

  private static List<String> foreignLines(ShimProcess server) {
    return server.lines().stream().filter(l -> !LOG_LINE.matcher(l).matches()).toList();
  }
}
