package dev.udfshim.maven.archive;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Random;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Reproducibility and PlatformLimits on jars written here, entry by entry. */
class ArtifactChecksTest {
  private static final Instant TIMESTAMP = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;

  private Path jar(String name, Instant time, int bytes, String... entries) throws IOException {
    Path jar = dir.resolve(name);
    try (OutputStream file = Files.newOutputStream(jar);
        ZipOutputStream zip = new ZipOutputStream(file)) {
      zip.setLevel(0);
      byte[] content = new byte[bytes];
      new Random(1).nextBytes(content);
      for (String entry : entries) {
        ZipEntry e = new ZipEntry(entry);
        e.setTime(time.toEpochMilli());
        zip.putNextEntry(e);
        zip.write(content);
        zip.closeEntry();
      }
    }
    return jar;
  }

  @Test
  void aJarAtTheOutputTimestampIsReproducible() throws IOException {
    Path jar = jar("fixed.jar", TIMESTAMP, 10, "META-INF/MANIFEST.MF", "a/B.class");
    assertThat(Reproducibility.warning(jar, TIMESTAMP, "3.4.2")).isEmpty();
  }

  @Test
  void aJarWithOtherTimesIsNotAndTheWarningNamesTheFix() throws IOException {
    Instant built = Instant.parse("2026-03-04T05:06:08Z");
    Path jar = jar("udfs-1.0.jar", TIMESTAMP, 10, "META-INF/MANIFEST.MF");
    Path later = jar("later.jar", built, 10, "a/B.class");
    assertThat(Reproducibility.warning(jar, TIMESTAMP, null)).isEmpty();
    assertThat(Reproducibility.warning(later, TIMESTAMP, "2.4"))
        .contains(
            "The project's jar later.jar (maven-jar-plugin 2.4) is not reproducible: its entry"
                + " a/B.class has the time 2026-03-04T05:06:08Z, not project.build.outputTimestamp"
                + " 2026-01-01T00:00:00Z; pin maven-jar-plugin to 3.2.0 or later"
                + " (<version>3.4.2</version>) and set project.build.outputTimestamp (e.g."
                + " 2026-01-01T00:00:00Z), so two builds give the same zips.");
    assertThat(Reproducibility.warning(jar, null, "3.4.2"))
        .contains(
            "project.build.outputTimestamp is not set, so the project's jar (maven-jar-plugin"
                + " 3.4.2) and the zips that hold it differ from build to build; pin"
                + " maven-jar-plugin to 3.2.0 or later (<version>3.4.2</version>) and set"
                + " project.build.outputTimestamp (e.g. 2026-01-01T00:00:00Z), so two builds give"
                + " the same zips.");
  }

  @Test
  void sizesParseWithBinaryAndDecimalUnits() {
    assertThat(PlatformLimits.parseSize("100MiB")).isEqualTo(100L << 20);
    assertThat(PlatformLimits.parseSize("50 mb")).isEqualTo(50_000_000L);
    assertThat(PlatformLimits.parseSize("1024")).isEqualTo(1024L);
    assertThatThrownBy(() -> PlatformLimits.parseSize("a lot"))
        .hasMessage(
            "shim.uploadLimit 'a lot' is not a size; write bytes, or a number with KiB, MiB or GiB"
                + " (e.g. 100MiB).");
  }

  @Test
  void anUploadOverTheLimitNamesItsLargestJars() throws IOException {
    Path big = jar("big.jar", TIMESTAMP, 300_000, "x");
    Path mid = jar("mid.jar", TIMESTAMP, 200_000, "x");
    Path small = jar("small.jar", TIMESTAMP, 100_000, "x");
    Path tiny = jar("tiny.jar", TIMESTAMP, 10, "x");
    Path upload = jar("upload.zip", TIMESTAMP, 700_000, "x");
    List<Path> jars = List.of(tiny, mid, big, small);
    assertThat(PlatformLimits.uploadTooLarge(upload, 1 << 20, jars)).isEmpty();
    assertThat(PlatformLimits.uploadTooLarge(upload, 500_000, jars))
        .contains(
            "The UDF upload zip upload.zip is 0.7 MiB, over the platform's artifact limit of 0.5"
                + " MiB; its largest jars are big.jar (0.3 MiB), mid.jar (0.2 MiB), small.jar (0.1"
                + " MiB). Leave out what the UDFs do not need (<scope>provided</scope>,"
                + " <exclusions>), or set shim.uploadLimit if your platform takes more.");
  }

  @Test
  void aJarWithFlinksOwnClassesIsNamed() throws IOException {
    Path shaded =
        jar(
            "fat.jar",
            TIMESTAMP,
            1,
            "com/acme/Udf.class",
            "org/apache/flink/table/api/Table.class",
            "org/apache/flink/table/api/TableEnvironment.class");
    Path clean = jar("clean.jar", TIMESTAMP, 1, "com/acme/Udf.class", "org/apache/flink/README");
    assertThat(PlatformLimits.bundledFlink(List.of(clean, shaded)))
        .containsExactly(
            "fat.jar carries 2 of Flink's own classes (e.g."
                + " org/apache/flink/table/api/Table.class); the shim provides Flink's table API,"
                + " and a second copy clashes with it at run time. Keep Flink out of that jar (e.g."
                + " exclude org.apache.flink from the shade plugin's artifactSet).");
  }
}
