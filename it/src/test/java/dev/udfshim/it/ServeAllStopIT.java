package dev.udfshim.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.udfshim.protocol.layout.ShimLayout;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** One SIGTERM drains and stops every server of {@code serve --all}, exit code 0. */
class ServeAllStopIT {
  @TempDir Path unpacked;

  @Test
  void oneSigtermStopsEveryServer() throws Exception {
    ShimZip zip = ShimZip.unpack("udf-project-good", "good-udfs-1.0.0-shim.zip", unpacked);
    try (ShimProcess all =
        ShimProcess.start(
            List.of(
                zip.root().resolve(ShimLayout.LAUNCHER).toString(),
                "serve",
                "--all",
                "--port",
                "0",
                "--statement-file",
                unpacked.resolve("statement.sql").toString()))) {
      String statement = all.awaitLine(line -> line.startsWith("LOAD MODULE shim WITH ("), 60_000);
      assertThat(statement).contains("com.example.udfs.AddOne/0=127.0.0.1:");
      all.terminate();
      assertThat(all.awaitExit(30_000)).isZero();
      assertThat(all.log()).containsPattern("All \\d+ servers stopped\\. Shutdown complete");
    }
  }
}
