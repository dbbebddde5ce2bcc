package dev.udfshim.maven.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.udfshim.tooling.Jar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.util.List;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ClassPathDigestTest {
  @TempDir Path dir;
  private Path repository;
  private Jar release;
  private Jar snapshot;

  @BeforeEach
  void jars() throws Exception {
    repository = Files.createDirectories(dir.resolve("repository"));
    release = new Jar("g", "lib", "1.0", Files.writeString(repository.resolve("lib-1.0.jar"), "a"));
    snapshot =
        new Jar(
            "g",
            "runtime",
            "2.0-SNAPSHOT",
            Files.writeString(repository.resolve("runtime-2.0-SNAPSHOT.jar"), "r1"));
  }

  private String digest(Path udfJar) throws Exception {
    return ClassPathDigest.of(List.of(snapshot, release), udfJar, List.of(), repository);
  }

  @Test
  void theSameJarsInAnotherFolderGiveTheSameDigest() throws Exception {
    Path one =
        Files.writeString(Files.createDirectories(dir.resolve("target")).resolve("u.jar"), "u");
    Path two =
        Files.writeString(Files.createDirectories(dir.resolve("target2")).resolve("u.jar"), "u");
    Files.setLastModifiedTime(two, FileTime.fromMillis(0));
    assertThat(digest(one)).hasSize(16).isEqualTo(digest(two));
  }

  @Test
  void aRebuiltJarOfTheSameSizeGivesAnotherDigest() throws Exception {
    Path udf = Files.writeString(dir.resolve("u.jar"), "u1");
    String before = digest(udf);
    Files.writeString(udf, "u2");
    assertThat(digest(udf)).isNotEqualTo(before);

    before = digest(udf);
    Files.writeString(snapshot.file(), "r2");
    assertThat(digest(udf)).as("a snapshot is known by its bytes").isNotEqualTo(before);
  }

  @Test
  void aReleasedJarIsKnownByItsCoordinatesAndSize() throws Exception {
    Path udf = Files.writeString(dir.resolve("u.jar"), "u");
    String before = digest(udf);
    Files.writeString(release.file(), "b"); // never happens to a release; the bytes are not read
    assertThat(digest(udf)).isEqualTo(before);
  }
}
