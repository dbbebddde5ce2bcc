package dev.udfshim.runtime.tooling;

import static org.assertj.core.api.Assertions.assertThat;

import dev.udfshim.tooling.Jar;
import dev.udfshim.tooling.UdfArchiveRequest;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.jar.JarOutputStream;
import java.util.zip.ZipEntry;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Logging backends and config files in a UDF's jars that the runtime will not use. */
class BundledLoggingTest {
  @TempDir Path dir;

  private Path jar(String name, Map<String, String> entries) throws IOException {
    Path file = dir.resolve(name);
    try (JarOutputStream out = new JarOutputStream(Files.newOutputStream(file))) {
      for (Map.Entry<String, String> entry : entries.entrySet()) {
        out.putNextEntry(new ZipEntry(entry.getKey()));
        out.write(entry.getValue().getBytes(StandardCharsets.UTF_8));
      }
    }
    return file;
  }

  @Test
  void eachBackendAndConfigFileIsOneLineWithTheFix() throws Exception {
    Path udf =
        jar(
            "udfs-1.0.jar",
            Map.of(
                "com/example/Udf.class", "",
                "log4j2.xml",
                    "<Configuration><Appenders><File name=\"f\" fileName=\"/var/log/udf.log\"/>"
                        + "<RollingFile name=\"r\"/></Appenders></Configuration>",
                "logback.xml", "<configuration/>"));
    Jar core =
        new Jar(
            "org.apache.logging.log4j",
            "log4j-core",
            "2.24.3",
            jar(
                "log4j-core-2.24.3.jar",
                Map.of("org/apache/logging/log4j/core/LoggerContext.class", "")));
    Jar log4j1 =
        new Jar(
            "log4j",
            "log4j",
            "1.2.17",
            jar("log4j-1.2.17.jar", Map.of("org/apache/log4j/Logger.class", "")));
    Jar plain = new Jar("g", "plain", "1", jar("plain-1.jar", Map.of("g/Plain.class", "")));

    List<String> warnings =
        BundledLogging.warnings(new UdfArchiveRequest(udf, List.of(core, log4j1, plain)));

    assertThat(warnings)
        .containsExactly(
            "udfs-1.0.jar (the project's jar) holds log4j2.xml, which the shim runtime never"
                + " reads: it sends the Log4j 2 API to its own log (stderr), so its file appenders"
                + " File, RollingFile never write; remove it from the jar, and read the UDF's lines"
                + " in the server's log.",
            "udfs-1.0.jar (the project's jar) holds logback.xml, which changes nothing: the shim"
                + " runtime configures logback itself, and a UDF's lines go to the server's log"
                + " (stderr), tagged [udf <class>]; remove it from the jar.",
            "log4j-core-2.24.3.jar (org.apache.logging.log4j:log4j-core:2.24.3) bundles Log4j 2's"
                + " backend (log4j-core), which the shim runtime does not use: UDF lines logged"
                + " through the Log4j 2 API go to the server's own log; declare it"
                + " <scope>provided</scope> or exclude it, so the artifact does not ship it.",
            "log4j-1.2.17.jar (log4j:log4j:1.2.17) bundles Log4j 1.x (log4j or reload4j), whose"
                + " lines go to its own appenders, which nothing configures on the platform, so"
                + " they are lost; exclude it and add org.slf4j:log4j-over-slf4j, which sends them"
                + " to the server's log.");
  }
}
