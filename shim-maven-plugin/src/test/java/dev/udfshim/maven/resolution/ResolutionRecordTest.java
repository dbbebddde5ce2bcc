package dev.udfshim.maven.resolution;

import static org.assertj.core.api.Assertions.assertThat;

import dev.udfshim.tooling.Jar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ResolutionRecordTest {
  @TempDir Path dir;
  private Path record;
  private List<Jar> jars;

  @BeforeEach
  void resolved() throws Exception {
    record = dir.resolve("records/runtime-jars.txt");
    Path folder = Files.createDirectories(dir.resolve("repository/g/lib/1.0-SNAPSHOT"));
    Files.writeString(folder.resolve("lib-1.0-SNAPSHOT.pom"), "<project/>");
    Path released = Files.createDirectories(dir.resolve("repository/g/native/1.0"));
    Files.writeString(released.resolve("n-1.0.pom"), "<project/>");
    jars =
        List.of(
            new Jar(
                "g",
                "lib",
                "1.0-SNAPSHOT",
                Files.writeString(folder.resolve("lib-1.0-SNAPSHOT.jar"), "a")),
            new Jar(
                "g", "native", "1.0", Files.writeString(released.resolve("n-1.0-linux.jar"), "n")));
    ResolutionRecord.write(record, "plugin 1 | repos", jars);
  }

  @Test
  void theSameKeyAndFilesGiveTheRecordedJarsInOrder() {
    assertThat(ResolutionRecord.read(record, "plugin 1 | repos")).hasValue(jars);
  }

  @Test
  void anotherPluginOrRepositoryMeansAFreshResolution() {
    assertThat(ResolutionRecord.read(record, "plugin 2 | repos")).isEmpty();
  }

  @Test
  void aChangedJarOrSnapshotPomMeansAFreshResolution() throws Exception {
    Path jar = jars.get(0).file();
    Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000));
    assertThat(ResolutionRecord.read(record, "plugin 1 | repos")).isEmpty();

    ResolutionRecord.write(record, "plugin 1 | repos", jars);
    Files.writeString(
        jar.resolveSibling("lib-1.0-SNAPSHOT.pom"), "<project><dependencies/></project>");
    assertThat(ResolutionRecord.read(record, "plugin 1 | repos")).isEmpty();

    ResolutionRecord.write(record, "plugin 1 | repos", jars);
    Files.delete(jars.get(1).file());
    assertThat(ResolutionRecord.read(record, "plugin 1 | repos")).isEmpty();
  }

  @Test
  void aMissingOrDamagedRecordMeansAFreshResolution() throws Exception {
    assertThat(ResolutionRecord.read(dir.resolve("none"), "plugin 1 | repos")).isEmpty();
    Files.writeString(record, "plugin 1 | repos\ng\tlib\n");
    assertThat(ResolutionRecord.read(record, "plugin 1 | repos")).isEmpty();
  }

  @Test
  void aReleasedPomIsNotLookedAt() throws Exception {
    Files.writeString(jars.get(1).file().resolveSibling("n-1.0.pom"), "<project>changed</project>");
    assertThat(ResolutionRecord.read(record, "plugin 1 | repos")).hasValue(jars);
  }
}
