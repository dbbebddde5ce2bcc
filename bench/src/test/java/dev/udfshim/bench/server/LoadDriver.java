package dev.udfshim.bench.server;

import com.google.protobuf.ByteString;
import dev.udfshim.protocol.config.ConfigKeys;
import dev.udfshim.protocol.framing.Framing;
import dev.udfshim.runtime.config.ExecutionOptions;
import dev.udfshim.runtime.execution.ExecutionHandler;
import dev.udfshim.runtime.handler.ConfigDirContext;
import dev.udfshim.runtime.server.HandlerHost;
import dev.udfshim.runtime.server.ShimServer;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.net.InetAddress;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import secure.compute.function.runtime.v2.FunctionRuntimeGrpc;
import secure.compute.function.runtime.v2.InvokeRequest;

/**
 * A bounded load over real gRPC on loopback: N client threads call Invoke with one payload for a
 * fixed time and report throughput and latency percentiles. Without --target it starts an execution
 * server for the protocol's add_one example in this JVM.
 *
 * <pre>
 * LoadDriver [--target 127.0.0.1:PORT] [--payload BASE64] [--concurrency 8] [--seconds 10]
 *            [--parallelism 1] [--batch ROWS]
 * </pre>
 *
 * <p>With {@code --batch ROWS} each call carries ROWS copies of the payload's argument tuple in the
 * batch framing (the local server is started with {@code shim.execution.batch=true}; a target must
 * be too), and rows per second are reported besides calls per second.
 */
public final class LoadDriver {
  private static final String ADD_ONE_SPEC =
      "CghwbHVnaW4tMRIadGVzdHMudWRmX2ZpeHR1cmVzLmFkZF9vbmUaGgoYChYKCQoBaRoECAQQAQoJCgFqGgQIBBABIhAKDgoMCgoKAmYwGgQIBBAB";
  private static final int MAX_SAMPLES_PER_THREAD = 2_000_000;

  private LoadDriver() {}

  public static void main(String[] args) throws Exception {
    String target = null;
    String payload = "AAAAAAAAAAABAAAAAAAAAAAC";
    int concurrency = 8;
    int seconds = 10;
    int parallelism = 1;
    int batch = 0;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--target" -> target = args[i + 1];
        case "--payload" -> payload = args[i + 1];
        case "--concurrency" -> concurrency = Integer.parseInt(args[i + 1]);
        case "--seconds" -> seconds = Math.min(120, Integer.parseInt(args[i + 1]));
        case "--parallelism" -> parallelism = Integer.parseInt(args[i + 1]);
        case "--batch" -> batch = Integer.parseInt(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    ShimServer local = null;
    if (target == null) {
      Path config = Files.createTempDirectory("load-config");
      Files.writeString(config.resolve(ConfigKeys.SPEC_VAR), ADD_ONE_SPEC);
      Files.writeString(
          config.resolve(ExecutionOptions.PARALLELISM.key()), String.valueOf(parallelism));
      if (batch > 0) {
        Files.writeString(config.resolve(Framing.BATCH_VAR), "true");
      }
      local =
          ShimServer.start(
              "127.0.0.1",
              0,
              new HandlerHost(new ExecutionHandler(), new ConfigDirContext(config)));
      target = "127.0.0.1:" + local.port();
    }
    String host = target.substring(0, target.lastIndexOf(':'));
    if (!InetAddress.getByName(host).isLoopbackAddress()) {
      throw new IllegalArgumentException("The load driver only targets loopback addresses.");
    }
    int port = Integer.parseInt(target.substring(target.lastIndexOf(':') + 1));
    ManagedChannel channel = NettyChannelBuilder.forAddress(host, port).usePlaintext().build();
    try {
      byte[] tuple = Base64.getDecoder().decode(payload);
      run(
          channel,
          batch > 0 ? batchOf(tuple, batch) : tuple,
          Math.max(1, batch),
          concurrency,
          seconds);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
      if (local != null) {
        local.close();
      }
    }
  }

  /** The batch framing: an int32 row count, then that many copies of the tuple. */
  static byte[] batchOf(byte[] tuple, int rows) {
    ByteBuffer batch = ByteBuffer.allocate(4 + rows * tuple.length).putInt(rows);
    for (int i = 0; i < rows; i++) {
      batch.put(tuple);
    }
    return batch.array();
  }

  private static void run(
      ManagedChannel channel, byte[] payload, int rowsPerCall, int concurrency, int seconds)
      throws InterruptedException {
    InvokeRequest request =
        InvokeRequest.newBuilder().setPayload(ByteString.copyFrom(payload)).build();
    FunctionRuntimeGrpc.FunctionRuntimeBlockingStub stub =
        FunctionRuntimeGrpc.newBlockingStub(channel);
    // One answer checked: an error answer is text, and would be counted as a result otherwise.
    ByteString first = stub.invoke(request).getPayload();
    if (rowsPerCall > 1
        && (first.size() < 4 || first.asReadOnlyByteBuffer().getInt() != rowsPerCall)) {
      throw new IllegalStateException(
          "The server did not answer a batch of "
              + rowsPerCall
              + " rows: "
              + first.toStringUtf8()
              + " (is it started with shim.execution.batch=true?)");
    }
    // Warm-up: JIT and connection, not measured.
    long warmUntil = System.nanoTime() + TimeUnit.SECONDS.toNanos(3);
    while (System.nanoTime() < warmUntil) {
      stub.invoke(request);
    }
    long[][] samples = new long[concurrency][];
    int[] counts = new int[concurrency];
    AtomicLong errors = new AtomicLong();
    CountDownLatch done = new CountDownLatch(concurrency);
    long start = System.nanoTime();
    long end = start + TimeUnit.SECONDS.toNanos(seconds);
    for (int t = 0; t < concurrency; t++) {
      int id = t;
      samples[t] = new long[MAX_SAMPLES_PER_THREAD];
      Thread thread =
          new Thread(
              () -> {
                try {
                  while (counts[id] < MAX_SAMPLES_PER_THREAD) {
                    long before = System.nanoTime();
                    if (before >= end) {
                      break;
                    }
                    try {
                      stub.invoke(request);
                    } catch (RuntimeException e) {
                      errors.incrementAndGet();
                    }
                    samples[id][counts[id]++] = System.nanoTime() - before;
                  }
                } finally {
                  done.countDown();
                }
              });
      thread.start();
    }
    done.await();
    double elapsed = (System.nanoTime() - start) / 1e9;
    long[] all = new long[Arrays.stream(counts).sum()];
    int offset = 0;
    for (int t = 0; t < concurrency; t++) {
      System.arraycopy(samples[t], 0, all, offset, counts[t]);
      offset += counts[t];
    }
    Arrays.sort(all);
    System.out.printf(
        "rows/call=%d concurrency=%d requests=%d errors=%d seconds=%.1f calls/s=%.0f rows/s=%.0f"
            + " p50=%dus p90=%dus p99=%dus max=%dus%n",
        rowsPerCall,
        concurrency,
        all.length,
        errors.get(),
        elapsed,
        all.length / elapsed,
        all.length * (double) rowsPerCall / elapsed,
        percentile(all, 50),
        percentile(all, 90),
        percentile(all, 99),
        all.length == 0 ? 0 : all[all.length - 1] / 1000);
  }

  private static long percentile(long[] sorted, int p) {
    if (sorted.length == 0) {
      return 0;
    }
    return sorted[Math.min(sorted.length - 1, (int) Math.ceil(p / 100.0 * sorted.length) - 1)]
        / 1000;
  }
}
