package dev.udfshim.maven.archive.plexus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.udfshim.tooling.ArchivePlan;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Zips written from a plan with plexus-archiver: the same bytes every time, in every zone. */
class PlexusZipWriterTest {
  private static final Instant TIME = Instant.parse("2026-01-01T00:00:00Z");

  @TempDir Path dir;
  private ArchivePlan plan;

  @BeforeEach
  void plan() throws Exception {
    Path udfJar = Files.write(dir.resolve("udfs-1.0.jar"), new byte[] {'P', 'K', 3, 4, 1, 2, 3});
    Path runtimeJar = Files.write(dir.resolve("rt-1.jar"), new byte[] {'P', 'K', 3, 4, 9, 9, 9});
    Path spec = Files.createDirectories(dir.resolve("specs/com.example.F/0"));
    Files.writeString(spec.resolve("spec_base64"), "c3BlYw==\n".repeat(50));
    Path signatures = Files.writeString(dir.resolve("signatures.json"), "{}");
    plan =
        new ArchivePlan(
            List.of(
                ArchivePlan.Entry.ofBytes(
                    "bin/shim", "#!/bin/sh\n".getBytes(StandardCharsets.UTF_8), 0755),
                ArchivePlan.Entry.ofFile("lib/runtime/rt-1.jar", runtimeJar, 0644),
                ArchivePlan.Entry.ofFile("lib/udf/udfs-1.0.jar", udfJar, 0644),
                ArchivePlan.Entry.ofFile(
                    "scp_config/com.example.F/0/spec_base64", spec.resolve("spec_base64"), 0644),
                ArchivePlan.Entry.ofFile("signatures.json", signatures, 0644)));
  }

  private Path write(String name) throws Exception {
    Path zip = dir.resolve(name);
    assertThat(new PlexusZipWriter().write(zip, plan, dir.resolve("work"), TIME)).isEqualTo(5);
    return zip;
  }

  @Test
  void theSamePlanGivesTheSameBytesTwiceAndInEveryTimeZone() throws Exception {
    TimeZone zone = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
      Path utc = write("utc.zip");
      Path again = write("again.zip");
      TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
      Path kolkata = write("kolkata.zip");
      assertThat(Files.readAllBytes(again)).isEqualTo(Files.readAllBytes(utc));
      assertThat(Files.readAllBytes(kolkata)).isEqualTo(Files.readAllBytes(utc));
    } finally {
      TimeZone.setDefault(zone);
    }
  }

  @Test
  void jarsAreStoredTheRestDeflatedWithThePlansModesAFolderEntryEachAndOneTime() throws Exception {
    try (ZipFile zip = ZipFile.builder().setPath(write("shim.zip")).get()) {
      List<String> files = new ArrayList<>();
      List<String> folders = new ArrayList<>();
      for (ZipArchiveEntry entry : Collections.list(zip.getEntries())) {
        assertThat(entry.getTimeLocal()).as(entry.getName()).hasToString("2026-01-01T00:00");
        if (entry.isDirectory()) {
          folders.add(entry.getName());
          assertThat(entry.getUnixMode() & 0777).as(entry.getName()).isEqualTo(0755);
          continue;
        }
        files.add(entry.getName());
        if (entry.getName().endsWith(".jar")) {
          assertThat(entry.getMethod()).as(entry.getName()).isEqualTo(ZipEntry.STORED);
          assertThat(zip.getInputStream(entry).readAllBytes())
              .isEqualTo(Files.readAllBytes(dir.resolve(Path.of(entry.getName()).getFileName())));
        } else {
          assertThat(entry.getMethod()).as(entry.getName()).isEqualTo(ZipEntry.DEFLATED);
        }
      }
      assertThat(files)
          .containsExactly(
              "bin/shim",
              "lib/runtime/rt-1.jar",
              "lib/udf/udfs-1.0.jar",
              "scp_config/com.example.F/0/spec_base64",
              "signatures.json");
      assertThat(folders)
          .containsExactlyInAnyOrder(
              "bin/",
              "lib/",
              "lib/runtime/",
              "lib/udf/",
              "scp_config/",
              "scp_config/com.example.F/",
              "scp_config/com.example.F/0/");
      assertThat(zip.getEntry("bin/shim").getUnixMode() & 0777).isEqualTo(0755);
      assertThat(zip.getEntry("signatures.json").getUnixMode() & 0777).isEqualTo(0644);
      assertThat(new String(zip.getInputStream(zip.getEntry("bin/shim")).readAllBytes()))
          .isEqualTo("#!/bin/sh\n");
    }
  }
}
