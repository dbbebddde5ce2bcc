package dev.udfshim.flink.function;

import static org.assertj.core.api.Assertions.assertThat;

import org.apache.flink.configuration.Configuration;
import org.junit.jupiter.api.Test;

class FlinkAsyncOptionsTest {
  private static final String TARGET = "com.example.SplitWords signature 0 at 127.0.0.1:50051";

  @Test
  void flinksDefaultsForAsyncTablesGetOneSentenceEachNamingTheKeyToSet() {
    assertThat(FlinkAsyncOptions.tableProblems(new Configuration(), TARGET, 500))
        .containsExactly(
            TARGET
                + ": Flink's 'table.exec.async-table.retry-strategy' is FIXED_DELAY, which calls"
                + " the function again for every row that emitted no rows, 100 ms apart, holding"
                + " back the batches around it (a few rows a second when many rows emit nothing);"
                + " set it to NO_RETRY (the shim retries failed calls itself,"
                + " 'retry.max-attempts').",
            TARGET
                + ": Flink lets 10 rows wait for answers"
                + " ('table.exec.async-table.max-concurrent-operations'), so batches hold at most"
                + " 10 of their 500 rows; set it to 2000 or more for full batches.");
  }

  @Test
  void noRetryAndRoomForTheBatchesAreQuiet() {
    Configuration config = new Configuration();
    config.setString("table.exec.async-table.retry-strategy", "NO_RETRY");
    config.setString("table.exec.async-table.max-concurrent-operations", "2000");
    assertThat(FlinkAsyncOptions.tableProblems(config, TARGET, 500)).isEmpty();
  }
}
