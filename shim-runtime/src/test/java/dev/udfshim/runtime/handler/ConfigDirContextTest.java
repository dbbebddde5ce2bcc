package dev.udfshim.runtime.handler;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ConfigDirContextTest {
  @TempDir Path dir;

  @Test
  void varIsTheFileContentReadAtLookup() throws Exception {
    ConfigDirContext context = new ConfigDirContext(dir);
    assertThat(context.getConfigValue("spec_base64")).isEmpty();

    Files.writeString(dir.resolve("spec_base64"), "CghwbHVn\n");

    assertThat(context.getConfigValue("spec_base64")).contains("CghwbHVn\n");
  }

  @Test
  void keysCannotReachOutsideTheFolder() throws Exception {
    Path inner = Files.createDirectory(dir.resolve("cfg"));
    Files.writeString(dir.resolve("secret"), "x");
    ConfigDirContext context = new ConfigDirContext(inner);

    assertThat(context.getConfigValue("../secret")).isEmpty();
    assertThat(context.getConfigValue("..")).isEmpty();
    assertThat(context.getConfigValue(null)).isEmpty();
  }

  @Test
  void keysAreTheFilesWithValidNames() throws Exception {
    Files.writeString(dir.resolve("spec_base64"), "x");
    Files.writeString(dir.resolve("db.url"), "jdbc:x");
    Files.writeString(dir.resolve("not a key"), "x");
    Files.createDirectory(dir.resolve("folder"));

    assertThat(new ConfigDirContext(dir).configKeys()).containsExactly("db.url", "spec_base64");
  }
}
