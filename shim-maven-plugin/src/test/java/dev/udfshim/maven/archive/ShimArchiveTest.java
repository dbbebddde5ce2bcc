package dev.udfshim.maven.archive;

import static org.assertj.core.api.Assertions.assertThat;

import dev.udfshim.maven.isolation.ResolvedJar;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TimeZone;
import java.util.zip.ZipEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipFile;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ShimArchiveTest {
  private static final FileTime TIME = FileTime.from(Instant.parse("2026-01-01T00:00:00Z"));

  @TempDir Path dir;
  private Path udfJar;
  private List<ResolvedJar> runtime;
  private Path config;
  private Path signatures;

  @BeforeEach
  void inputs() throws Exception {
    udfJar = Files.write(dir.resolve("udfs-1.0.jar"), new byte[] {'P', 'K', 3, 4, 1, 2, 3});
    runtime =
        List.of(
            new ResolvedJar("g", "rt", "1", Files.write(dir.resolve("rt-1.jar"), new byte[300])));
    config = Files.createDirectories(dir.resolve("scp_config/com.example.F/0"));
    Files.writeString(config.resolve("spec_base64"), "c3BlYw==\n".repeat(50));
    config = dir.resolve("scp_config");
    signatures = Files.writeString(dir.resolve("signatures.json"), "{}");
  }

  private Path write(String name) throws Exception {
    Path zip = dir.resolve(name);
    new ShimArchive(dir.resolve("work"), TIME)
        .writeShimZip(zip, udfJar, runtime, List.of(), config, signatures, Map.of("k", "v"));
    return zip;
  }

  @Test
  void theSameInputsGiveTheSameBytesInEveryTimeZone() throws Exception {
    TimeZone zone = TimeZone.getDefault();
    try {
      TimeZone.setDefault(TimeZone.getTimeZone("UTC"));
      Path utc = write("utc.zip");
      TimeZone.setDefault(TimeZone.getTimeZone("Asia/Kolkata"));
      Path kolkata = write("kolkata.zip");
      assertThat(Files.readAllBytes(kolkata)).isEqualTo(Files.readAllBytes(utc));
    } finally {
      TimeZone.setDefault(zone);
    }
  }

  @Test
  void jarsAreStoredTheRestDeflatedWithFixedModesAndTimes() throws Exception {
    try (ZipFile zip = ZipFile.builder().setPath(write("shim.zip")).get()) {
      List<ZipArchiveEntry> entries = Collections.list(zip.getEntries());
      List<String> names = new ArrayList<>();
      for (ZipArchiveEntry entry : entries) {
        names.add(entry.getName());
        assertThat(entry.getTimeLocal()).as(entry.getName()).hasToString("2026-01-01T00:00");
        if (entry.isDirectory()) {
          assertThat(entry.getUnixMode() & 0777).isEqualTo(0755);
        } else if (entry.getName().endsWith(".jar")) {
          assertThat(entry.getMethod()).as(entry.getName()).isEqualTo(ZipEntry.STORED);
          assertThat(zip.getInputStream(entry).readAllBytes())
              .isEqualTo(Files.readAllBytes(dir.resolve(Path.of(entry.getName()).getFileName())));
        } else {
          assertThat(entry.getMethod()).as(entry.getName()).isEqualTo(ZipEntry.DEFLATED);
        }
      }
      assertThat(names)
          .containsExactly(
              "bin/",
              "bin/shim",
              "bin/shim.cmd",
              "lib/",
              "lib/runtime/",
              "lib/runtime/rt-1.jar",
              "lib/udf/",
              "lib/udf/udfs-1.0.jar",
              "scp_config/",
              "scp_config/com.example.F/",
              "scp_config/com.example.F/0/",
              "scp_config/com.example.F/0/spec_base64",
              "shim-manifest.properties",
              "signatures.json");
      assertThat(zip.getEntry("bin/shim").getUnixMode() & 0777).isEqualTo(0755);
      assertThat(zip.getEntry("signatures.json").getUnixMode() & 0777).isEqualTo(0644);
    }
  }
}
