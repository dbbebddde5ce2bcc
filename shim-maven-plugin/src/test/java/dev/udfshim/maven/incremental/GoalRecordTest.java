package dev.udfshim.maven.incremental;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class GoalRecordTest {
  @TempDir Path dir;
  private Path classes;
  private Path repository;
  private Path jar;
  private Path output;

  @BeforeEach
  void project() throws Exception {
    classes = Files.createDirectories(dir.resolve("classes/com/example"));
    Files.writeString(classes.resolve("A.class"), "a1");
    Files.writeString(classes.resolve("B.class"), "b1");
    repository = Files.createDirectories(dir.resolve("repository"));
    jar = Files.writeString(repository.resolve("lib-1.0.jar"), "jar");
    output = Files.writeString(dir.resolve("signatures.json"), "{}");
  }

  private Map<String, String> inputs(Object parameter) throws Exception {
    return new InputDigest(repository)
        .tree("project classes", dir.resolve("classes"))
        .files("shim runtime", List.of(jar))
        .value("parameters", "pluginId", parameter)
        .digests();
  }

  private GoalRecord record(Map<String, String> inputs) {
    return new GoalRecord(
        dir.resolve("records/extract.sha256"),
        inputs,
        () -> new InputDigest(null).file("out", output).digest("out"));
  }

  /** A successful run with these inputs. */
  private void ran(Map<String, String> inputs) throws Exception {
    GoalRecord record = record(inputs);
    record.started();
    record.finished();
  }

  @Test
  void aFirstRunHasNoRecord() throws Exception {
    assertThat(record(inputs("x")).staleBecause()).hasValue(GoalRecord.NO_RECORD);
  }

  @Test
  void nothingChangedIsUpToDate() throws Exception {
    ran(inputs("x"));
    assertThat(record(inputs("x")).staleBecause()).isEmpty();
  }

  @Test
  void aChangedClassNamesTheClasses() throws Exception {
    ran(inputs("x"));
    Files.writeString(classes.resolve("B.class"), "b2");
    assertThat(record(inputs("x")).staleBecause())
        .hasValue("project classes changed since the last run");
  }

  @Test
  void aDeletedOrAddedClassIsAChange() throws Exception {
    ran(inputs("x"));
    Files.delete(classes.resolve("B.class"));
    assertThat(record(inputs("x")).staleBecause()).isPresent();

    ran(inputs("x"));
    Files.writeString(classes.resolve("C.class"), "c1");
    assertThat(record(inputs("x")).staleBecause()).isPresent();
  }

  @Test
  void aRenamedClassWithTheSameBytesIsAChange() throws Exception {
    ran(inputs("x"));
    Files.move(classes.resolve("B.class"), classes.resolve("Z.class"));
    assertThat(record(inputs("x")).staleBecause()).isPresent();
  }

  @Test
  void deletingTheLastClassIsAChange() throws Exception {
    ran(inputs("x"));
    Files.delete(classes.resolve("A.class"));
    Files.delete(classes.resolve("B.class"));
    Files.delete(classes);
    assertThat(record(inputs("x")).staleBecause()).isPresent();
  }

  @Test
  void severalChangedGroupsAreNamedInOrder() throws Exception {
    ran(inputs("x"));
    Files.writeString(classes.resolve("A.class"), "a2");
    Files.setLastModifiedTime(jar, FileTime.fromMillis(1_000));
    assertThat(record(inputs("y")).staleBecause())
        .hasValue("project classes, shim runtime and parameters changed since the last run");
  }

  @Test
  void repositoryJarsAreKnownByTimeAndSizeOtherFilesByContent() throws Exception {
    ran(inputs("x"));
    FileTime time = Files.getLastModifiedTime(jar);
    Files.writeString(jar, "JAR");
    Files.setLastModifiedTime(jar, time);
    assertThat(record(inputs("x")).staleBecause())
        .as("same size and time in the repository: the same jar")
        .isEmpty();

    FileTime classTime = Files.getLastModifiedTime(classes.resolve("A.class"));
    Files.writeString(classes.resolve("A.class"), "A1");
    Files.setLastModifiedTime(classes.resolve("A.class"), classTime);
    assertThat(record(inputs("x")).staleBecause()).isPresent();
  }

  @Test
  void aNullParameterDiffersFromTheTextNull() throws Exception {
    assertThat(inputs(null).get("parameters")).isNotEqualTo(inputs("null").get("parameters"));
  }

  @Test
  void aDeletedOrRewrittenOutputIsStale() throws Exception {
    ran(inputs("x"));
    Files.writeString(output, "{\"edited\": true}");
    assertThat(record(inputs("x")).staleBecause())
        .hasValue("the outputs were changed or deleted since the last run");

    ran(inputs("x"));
    Files.delete(output);
    assertThat(record(inputs("x")).staleBecause()).isPresent();
  }

  @Test
  void aStartedRunForgetsTheRecordUntilItFinishes() throws Exception {
    ran(inputs("x"));
    record(inputs("x")).started();
    assertThat(record(inputs("x")).staleBecause()).hasValue(GoalRecord.NO_RECORD);
  }

  @Test
  void anInputGroupThatDisappearedIsAChange() throws Exception {
    ran(inputs("x"));
    Map<String, String> fewer =
        new InputDigest(repository).value("parameters", "pluginId", "x").digests();
    assertThat(record(fewer).staleBecause())
        .hasValue("project classes and shim runtime changed since the last run");
  }

  @Test
  void anUnreadableRecordOnlyMeansTheWorkIsDoneAgain() throws Exception {
    Path file = dir.resolve("records/extract.sha256");
    Files.createDirectories(file.getParent());
    Files.write(file, new byte[] {(byte) 0xff, (byte) 0xfe, 0, 1});
    assertThat(record(inputs("x")).staleBecause()).hasValue(GoalRecord.NO_RECORD);
  }

  @Test
  void aRecordThatCannotBeWrittenSaysWhere() throws Exception {
    Path notAFolder = Files.writeString(dir.resolve("file"), "");
    GoalRecord record =
        new GoalRecord(notAFolder.resolve("extract.sha256"), inputs("x"), () -> "outputs");
    assertThatThrownBy(record::finished)
        .isInstanceOf(java.io.IOException.class)
        .hasMessageStartingWith("Cannot record this run in " + notAFolder.resolve("extract.sha256"))
        .hasMessageEndingWith("; the build folder must be writable.");
  }
}
