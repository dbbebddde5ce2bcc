package dev.udfshim.bench.reliability;

import static dev.udfshim.it.Calls.bigint;
import static dev.udfshim.it.Calls.integer;
import static dev.udfshim.it.Calls.string;

import com.google.common.util.concurrent.ListenableFuture;
import com.google.protobuf.ByteString;
import dev.udfshim.it.Calls;
import dev.udfshim.it.ShimProcess;
import dev.udfshim.it.ShimZip;
import dev.udfshim.protocol.framing.Framing;
import io.confluent.flink.udf.extractor.v1.ExtractionRequest;
import io.confluent.flink.udf.extractor.v1.ExtractionResponse;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import secure.compute.function.runtime.v2.FunctionRuntimeGrpc;
import secure.compute.function.runtime.v2.InvokeRequest;

/**
 * The figures of docs/reliability.md, measured over real gRPC against servers started from the
 * fault-UDF project's shim zip, each in its own process. Not a test: run it as the doc says.
 *
 * <pre>
 * ReliabilityDriver --zip it/target/it/udf-project-faults/target/fault-udfs-1.0.0-shim.zip
 *                   [--fuzz-calls 100000] [--seed 1]
 * </pre>
 */
public final class ReliabilityDriver {
  private static final String PACKAGE = "com.example.faults.";
  private final ShimZip zip;
  private final Path work;

  private ReliabilityDriver(ShimZip zip, Path work) {
    this.zip = zip;
    this.work = work;
  }

  public static void main(String[] args) throws Exception {
    Path zipFile = null;
    int fuzzCalls = 100_000;
    long seed = 1;
    for (int i = 0; i < args.length; i += 2) {
      switch (args[i]) {
        case "--zip" -> zipFile = Path.of(args[i + 1]);
        case "--fuzz-calls" -> fuzzCalls = Integer.parseInt(args[i + 1]);
        case "--seed" -> seed = Long.parseLong(args[i + 1]);
        default -> throw new IllegalArgumentException("unknown option " + args[i]);
      }
    }
    if (zipFile == null) {
      throw new IllegalArgumentException("--zip <fault-udfs shim zip> is required");
    }
    Path work = Files.createTempDirectory("reliability");
    ReliabilityDriver driver =
        new ReliabilityDriver(ShimZip.unpack(zipFile, work.resolve("zip")), work);
    driver.fuzzExecution(fuzzCalls, new Random(seed), false);
    driver.fuzzExecution(fuzzCalls, new Random(seed), true);
    driver.fuzzExtraction(fuzzCalls / 10, new Random(seed));
    driver.cancelledCallsToAHungUdf(2_000);
    driver.sigtermWithCallsInFlight(8);
    driver.replacementOfAStuckInstance();
  }

  private ShimProcess serve(String udf, Map<String, String> vars) throws Exception {
    Path config = zip.specWith(PACKAGE + udf, vars, work.resolve(udf + "-" + System.nanoTime()));
    return zip.serve("execution", config);
  }

  /** Random, truncated and bit-flipped STRING payloads; outcome counts, then a good call. */
  private void fuzzExecution(int calls, Random random, boolean batch) throws Exception {
    Map<String, String> vars = batch ? Map.of(Framing.BATCH_VAR, "true") : Map.of();
    try (ShimProcess server = serve("NullForNotNull", vars)) {
      ManagedChannel channel = Calls.channel(server.port());
      Map<String, Integer> outcomes = new TreeMap<>();
      byte[] valid =
          batch ? concat(new byte[] {0, 0, 0, 2}, string("ab"), string("c")) : string("ab");
      long started = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        outcomes.merge(outcome(channel, mutate(valid, random)), 1, Integer::sum);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      Calls.Answer after = Calls.call(channel, valid);
      System.out.printf(
          "fuzz execution (%s): %d calls in %.1f s: %s; a good call afterwards: %s; process"
              + " alive: %s%n",
          batch ? "batch" : "one row",
          calls,
          seconds,
          outcomes,
          after.error() == null ? "answered" : "ERROR " + after.error(),
          server.process().isAlive());
      channel.shutdownNow();
    }
  }

  private void fuzzExtraction(int calls, Random random) throws Exception {
    Path empty = Files.createDirectories(work.resolve("empty"));
    try (ShimProcess server = zip.serve("extraction", empty)) {
      ManagedChannel channel = Calls.channel(server.port());
      Map<String, Integer> outcomes = new TreeMap<>();
      byte[] valid =
          ExtractionRequest.newBuilder().setClassName(PACKAGE + "Slow").build().toByteArray();
      long started = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        outcomes.merge(extractionOutcome(channel, mutate(valid, random)), 1, Integer::sum);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      ExtractionResponse after = ExtractionResponse.parseFrom(Calls.call(channel, valid).payload());
      System.out.printf(
          "fuzz extraction: %d calls in %.1f s: %s; a good call afterwards: %d signature(s);"
              + " process alive: %s%n",
          calls, seconds, outcomes, after.getSignaturesCount(), server.process().isAlive());
      channel.shutdownNow();
    }
  }

  /** An extraction answer is always a response: with signatures, or a coded error. */
  private static String extractionOutcome(ManagedChannel channel, byte[] payload) {
    try {
      Calls.Answer answer = Calls.call(channel, payload, 10_000);
      ExtractionResponse response = ExtractionResponse.parseFrom(answer.payload());
      return response.hasError() ? "error " + response.getError().getCode() : "signatures";
    } catch (com.google.protobuf.InvalidProtocolBufferException e) {
      return "UNPARSEABLE ANSWER";
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED
          ? "HANG"
          : "status " + e.getStatus().getCode();
    }
  }

  private static String outcome(ManagedChannel channel, byte[] payload) {
    try {
      Calls.Answer answer = Calls.call(channel, payload, 10_000);
      return answer.error() == null ? "answered" : "error answer";
    } catch (StatusRuntimeException e) {
      return e.getStatus().getCode() == Status.Code.DEADLINE_EXCEEDED
          ? "HANG"
          : "status " + e.getStatus().getCode();
    }
  }

  /** A third each: random bytes, one bit flipped, cut short. */
  private static byte[] mutate(byte[] valid, Random random) {
    switch (random.nextInt(3)) {
      case 0 -> {
        byte[] bytes = new byte[random.nextInt(64)];
        random.nextBytes(bytes);
        return bytes;
      }
      case 1 -> {
        byte[] copy = valid.clone();
        int bit = random.nextInt(copy.length * 8);
        copy[bit / 8] ^= (byte) (1 << (bit % 8));
        return copy;
      }
      default -> {
        return java.util.Arrays.copyOf(valid, random.nextInt(valid.length));
      }
    }
  }

  private static byte[] concat(byte[]... parts) {
    java.io.ByteArrayOutputStream out = new java.io.ByteArrayOutputStream();
    for (byte[] part : parts) {
      out.writeBytes(part);
    }
    return out.toByteArray();
  }

  private void cancelledCallsToAHungUdf(int calls) throws Exception {
    try (ShimProcess server = serve("HangsHard", Map.of())) {
      ManagedChannel channel = Calls.channel(server.port());
      Calls.health(channel);
      long[] before = status(server);
      FunctionRuntimeGrpc.FunctionRuntimeFutureStub stub =
          FunctionRuntimeGrpc.newFutureStub(channel);
      InvokeRequest request =
          InvokeRequest.newBuilder().setPayload(ByteString.copyFrom(bigint(1))).build();
      List<ListenableFuture<?>> futures = new ArrayList<>();
      Map<String, Integer> outcomes = new TreeMap<>();
      long peakThreads = 0;
      long started = System.nanoTime();
      for (int i = 0; i < calls; i++) {
        futures.add(stub.withDeadlineAfter(1, TimeUnit.SECONDS).invoke(request));
        if (i % 100 == 0) {
          peakThreads = Math.max(peakThreads, status(server)[0]);
        }
      }
      for (ListenableFuture<?> future : futures) {
        try {
          future.get(60, TimeUnit.SECONDS);
          outcomes.merge("answered", 1, Integer::sum);
        } catch (ExecutionException e) {
          outcomes.merge(Status.fromThrowable(e.getCause()).getCode().toString(), 1, Integer::sum);
        }
        peakThreads = Math.max(peakThreads, status(server)[0]);
      }
      double seconds = (System.nanoTime() - started) / 1e9;
      Thread.sleep(5_000);
      long[] after = status(server);
      System.out.printf(
          "cancelled calls to HangsHard: %d calls with 1 s deadlines in %.1f s: %s; threads %d"
              + " before, %d at most, %d after 5 s; RSS %d MB before, %d MB after; health %s%n",
          calls,
          seconds,
          outcomes,
          before[0],
          peakThreads,
          after[0],
          before[1] / 1024,
          after[1] / 1024,
          Calls.health(channel));
      channel.shutdownNow();
    }
  }

  /** Threads and resident memory (kB) of the server process, from /proc. */
  private static long[] status(ShimProcess server) throws Exception {
    long threads = 0;
    long rss = 0;
    for (String line :
        Files.readAllLines(Path.of("/proc", String.valueOf(server.process().pid()), "status"))) {
      if (line.startsWith("Threads:")) {
        threads = Long.parseLong(line.substring(8).strip());
      } else if (line.startsWith("VmRSS:")) {
        rss = Long.parseLong(line.substring(6).replace("kB", "").strip());
      }
    }
    return new long[] {threads, rss};
  }

  private void sigtermWithCallsInFlight(int calls) throws Exception {
    ShimProcess server = serve("Slow", Map.of("confluent.remote-udf.adapter.parallelism", "8"));
    try (server) {
      ManagedChannel channel = Calls.channel(server.port());
      Calls.call(channel, bigint(1));
      FunctionRuntimeGrpc.FunctionRuntimeFutureStub stub =
          FunctionRuntimeGrpc.newFutureStub(channel);
      List<ListenableFuture<?>> inFlight = new ArrayList<>();
      for (int i = 0; i < calls; i++) {
        inFlight.add(
            stub.withDeadlineAfter(30, TimeUnit.SECONDS)
                .invoke(
                    InvokeRequest.newBuilder()
                        .setPayload(ByteString.copyFrom(bigint(2_000)))
                        .build()));
      }
      Thread.sleep(500);
      long signalled = System.nanoTime();
      server.terminate();
      int exit = server.awaitExit(60_000);
      double exitSeconds = (System.nanoTime() - signalled) / 1e9;
      int answered = 0;
      for (ListenableFuture<?> call : inFlight) {
        try {
          call.get(1, TimeUnit.SECONDS);
          answered++;
        } catch (ExecutionException e) {
          // cut off
        }
      }
      System.out.printf(
          "SIGTERM with %d calls in flight (1.5 s left each): exit %d after %.2f s; %d of %d"
              + " answered with their result; summary: %s%n",
          calls,
          exit,
          exitSeconds,
          answered,
          calls,
          server.lines().stream()
              .filter(l -> l.contains("Shutdown complete"))
              .findFirst()
              .orElse("(none)"));
      channel.shutdownNow();
    }
  }

  private void replacementOfAStuckInstance() throws Exception {
    Map<String, String> vars =
        Map.of("shim.execution.eval.timeout", "1 s", "shim.execution.interrupt.grace", "2 s");
    try (ShimProcess server = serve("Spins", vars)) {
      ManagedChannel channel = Calls.channel(server.port());
      Calls.call(channel, integer(0));
      long started = System.nanoTime();
      Calls.Answer stuck = Calls.call(channel, integer(1));
      double answered = (System.nanoTime() - started) / 1e9;
      double notServing = -1;
      double serving = -1;
      long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
      while (System.nanoTime() < until && serving < 0) {
        ServingStatus status = Calls.health(channel);
        double now = (System.nanoTime() - started) / 1e9;
        if (status == ServingStatus.NOT_SERVING && notServing < 0) {
          notServing = now;
        }
        if (status == ServingStatus.SERVING && notServing >= 0) {
          serving = now;
        }
        Thread.sleep(5);
      }
      System.out.printf(
          "stuck instance (Spins, eval limit 1 s, grace 2 s): error answered after %.2f s (%s);"
              + " NOT_SERVING at %.2f s; replacement SERVING at %.2f s%n",
          answered, stuck.error(), notServing, serving);
      channel.shutdownNow();
    }
  }
}
