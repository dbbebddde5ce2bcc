package dev.udfshim.bench.runtime;

import dev.udfshim.runtime.execution.ExecutionHandler;
import dev.udfshim.runtime.handler.ConfigDirContext;
import dev.udfshim.runtime.handler.HandlerException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;

/**
 * One execution request without the network: decode, convert, eval through the bound method handle,
 * convert, encode. The protocol example add_one(1, 2).
 */
@State(Scope.Benchmark)
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.NANOSECONDS)
public class ExecutionBenchmark {
  private final ExecutionHandler handler = new ExecutionHandler();
  private ConfigDirContext context;
  private byte[] payload;

  @Setup
  public void setUp() throws IOException, HandlerException {
    Path dir = Files.createTempDirectory("bench-config");
    Files.writeString(
        dir.resolve("spec_base64"),
        "CghwbHVnaW4tMRIadGVzdHMudWRmX2ZpeHR1cmVzLmFkZF9vbmUaGgoYChYKCQoBaRoECAQQAQoJCgFqGgQIBBABIhAKDgoMCgoKAmYwGgQIBBAB");
    context = new ConfigDirContext(dir);
    handler.open(context);
    payload = Base64.getDecoder().decode("AAAAAAAAAAABAAAAAAAAAAAC");
  }

  @TearDown
  public void tearDown() {
    handler.close(context);
  }

  @Benchmark
  public byte[] addOne() throws HandlerException {
    return handler.handleRequest(payload, context);
  }
}
