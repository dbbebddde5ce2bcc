package dev.udfshim.it;

import static dev.udfshim.it.Calls.bigint;
import static dev.udfshim.it.Calls.integer;
import static dev.udfshim.it.Calls.string;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import com.google.protobuf.ByteString;
import io.grpc.ManagedChannel;
import io.grpc.Status;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import secure.compute.function.runtime.v2.FunctionRuntimeGrpc;
import secure.compute.function.runtime.v2.InvokeRequest;

/**
 * The fault UDFs of shim-maven-plugin/src/it/udf-project-faults, each served from the project's
 * shim zip in a process of its own, since the JVM's fate is what is tested: out of memory,
 * System.exit, SIGTERM with calls in flight, a hanging close(), evals that hang or spin, leaked
 * threads, slow starts.
 */
class FaultsIT {
  private static final String PACKAGE = "com.example.faults.";

  @TempDir static Path unpacked;
  private static ShimZip zip;
  @TempDir Path work;
  private final List<ManagedChannel> channels = new ArrayList<>();
  private int servers;

  @BeforeAll
  static void unzip() {
    zip = ShimZip.unpack("udf-project-faults", "fault-udfs-1.0.0-shim.zip", unpacked);
  }

  @AfterEach
  void closeChannels() {
    channels.forEach(ManagedChannel::shutdownNow);
  }

  private ShimProcess serve(String udf, Map<String, String> vars, Map<String, String> env)
      throws Exception {
    Path config = zip.specWith(PACKAGE + udf, vars, work.resolve(udf + "-" + servers++));
    return zip.serve("execution", config, env);
  }

  private ShimProcess serve(String udf, Map<String, String> vars) throws Exception {
    return serve(udf, vars, Map.of());
  }

  private ManagedChannel channel(ShimProcess server) {
    ManagedChannel channel = Calls.channel(server.port());
    channels.add(channel);
    return channel;
  }

  private static CompletableFuture<Calls.Answer> callLater(
      ManagedChannel channel, byte[] payload, long deadlineMillis) {
    // A thread per call: on 2 cores JDK 25's common pool runs one task at a time, so calls meant to
    // be in flight together would go one after another.
    return CompletableFuture.supplyAsync(
        () -> Calls.call(channel, payload, deadlineMillis),
        task -> {
          Thread thread = new Thread(task, "call-later");
          thread.setDaemon(true);
          thread.start();
        });
  }

  private static void awaitHealth(ManagedChannel channel, ServingStatus status) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
    while (Calls.health(channel) != status) {
      if (System.nanoTime() > until) {
        throw new AssertionError("health never turned " + status);
      }
      Thread.sleep(20);
    }
  }

  @Test
  void outOfMemoryEndsTheProcessWithCode3() throws Exception {
    try (ShimProcess server = serve("Hog", Map.of(), Map.of("SHIM_HEAP", "-Xmx64m"))) {
      callLater(channel(server), bigint(1), 60_000);

      assertThat(server.awaitExit(60_000)).isEqualTo(3);
      assertThat(server.log()).contains("java.lang.OutOfMemoryError");
    }
  }

  @Test
  void outOfMemoryWithoutTheLaunchersFlagStillEndsTheProcessWithOneLine() throws Exception {
    Map<String, String> env =
        Map.of("SHIM_HEAP", "-Xmx64m", "JAVA_OPTS", "-XX:-ExitOnOutOfMemoryError");
    try (ShimProcess server = serve("Hog", Map.of(), env)) {
      callLater(channel(server), bigint(1), 60_000);

      assertThat(server.awaitExit(60_000)).isEqualTo(3);
      assertThat(server.log())
          .containsPattern(
              "Fatal java.lang.OutOfMemoryError: Java heap space in com.example.faults.Hog.eval;"
                  + " exiting with code 3 so the server is restarted");
    }
  }

  @Test
  void systemExitFromAUdfIsLoggedAndEndsTheProcessWithItsStatus() throws Exception {
    try (ShimProcess server = serve("Exits", Map.of())) {
      callLater(channel(server), integer(7), 60_000);

      assertThat(server.awaitExit(30_000)).isEqualTo(7);
      assertThat(server.log())
          .contains("System.exit was called by user code at com.example.faults.Exits.eval(");
    }
  }

  @Test
  void sigtermRefusesNewCallsLetsThoseInFlightFinishAndExitsZero() throws Exception {
    try (ShimProcess server = serve("Slow", Map.of())) {
      ManagedChannel channel = channel(server);
      assertThat(Calls.call(channel, bigint(1)).payload()).isEqualTo(bigint(1));
      CompletableFuture<Calls.Answer> inFlight = callLater(channel, bigint(5_000), 30_000);
      Thread.sleep(1_500);

      server.terminate();
      server.awaitLine(line -> line.contains("Shutting down (SIGTERM or SIGINT)"), 10_000);

      assertThat(Calls.health(channel)).isEqualTo(ServingStatus.NOT_SERVING);
      Calls.assertStatus(
          () -> Calls.call(channel, bigint(1)), Status.Code.UNAVAILABLE, "shutting down");
      assertThat(inFlight.get(30, TimeUnit.SECONDS).payload()).isEqualTo(bigint(5_000));
      assertThat(server.awaitExit(30_000)).isZero();
      assertThat(server.log())
          .containsPattern(
              "Shutdown complete in \\d+ ms: 1 call\\(s\\) in flight finished, 0 cut off at the"
                  + " grace; close\\(\\) returned; exit code 0");
    }
  }

  @Test
  void aCallLongerThanTheGraceIsAnsweredAndTheExitCodeSaysSo() throws Exception {
    try (ShimProcess server = serve("Slow", Map.of("shim.shutdown.grace", "500 ms"))) {
      ManagedChannel channel = channel(server);
      assertThat(Calls.call(channel, bigint(1)).payload()).isEqualTo(bigint(1));
      CompletableFuture<Calls.Answer> inFlight = callLater(channel, bigint(20_000), 60_000);
      Thread.sleep(1_500);

      server.terminate();

      Calls.assertStatus(
          () -> inFlight.get(30, TimeUnit.SECONDS),
          Status.Code.UNAVAILABLE,
          "did not finish within the 500 ms grace");
      assertThat(server.awaitExit(30_000)).isEqualTo(2);
      assertThat(server.log()).contains("0 call(s) in flight finished, 1 cut off at the grace");
    }
  }

  @Test
  void aHangingCloseDoesNotKeepTheProcessPastGracePlusCloseLimit() throws Exception {
    Map<String, String> vars =
        Map.of("shim.shutdown.grace", "500 ms", "shim.shutdown.close.timeout", "1 s");
    try (ShimProcess server = serve("HangsInClose", vars)) {
      assertThat(Calls.call(channel(server), bigint(4)).payload()).isEqualTo(bigint(4));
      long started = System.nanoTime();

      server.terminate();

      assertThat(server.awaitExit(20_000)).isEqualTo(2);
      // Grace plus close limit, and the shutdown's own bound on top.
      assertThat(TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - started)).isLessThan(6_500);
      assertThat(server.log())
          .contains(
              "close() call(s) of com.example.faults.HangsInClose did not return within 1000 ms")
          .contains("close() did not return in time; exit code 2");
    }
  }

  @Test
  void aNonDaemonThreadLeftByAUdfDoesNotKeepTheProcessAfterSigterm() throws Exception {
    try (ShimProcess server = serve("LeaksThread", Map.of())) {
      assertThat(Calls.call(channel(server), bigint(5)).payload()).isEqualTo(bigint(5));

      server.terminate();

      assertThat(server.awaitExit(20_000)).isZero();
    }
  }

  @Test
  void anEvalThatHangsIsAnsweredBeforeTheClientsDeadlineAndTheServerGoesOn() throws Exception {
    try (ShimProcess server = serve("Hangs", Map.of())) {
      ManagedChannel channel = channel(server);
      awaitHealth(channel, ServingStatus.SERVING);

      Calls.Answer answer = Calls.call(channel, bigint(1), 3_000);

      assertThat(answer.error())
          .matches(
              "com\\.example\\.faults\\.Hangs\\.eval did not return within \\d+ ms \\(the call's"
                  + " deadline\\); it was interrupted, and its instance is replaced if it does not"
                  + " return\\.");
      // Sleeping answers the interrupt: the same instance is free again.
      assertThat(Calls.call(channel, bigint(2), 3_000).error()).contains("did not return");
      assertThat(Calls.health(channel)).isEqualTo(ServingStatus.SERVING);
    }
  }

  @Test
  void anEvalThatSwallowsInterruptsIsRetiredReplacedAndHealthSaysSoMeanwhile() throws Exception {
    Map<String, String> vars =
        Map.of("shim.execution.eval.timeout", "300 ms", "shim.execution.interrupt.grace", "300 ms");
    try (ShimProcess server = serve("Spins", vars)) {
      ManagedChannel channel = channel(server);
      byte[] first = Calls.call(channel, integer(0)).payload();

      assertThat(Calls.call(channel, integer(1)).error())
          .contains("did not return within 300 ms (shim.execution.eval.timeout)");

      server.awaitLine(line -> line.contains("Health: NOT_SERVING"), 10_000);
      server.awaitLine(
          line -> line.contains("Retired instance #1 of com.example.faults.Spins"), 10_000);
      awaitHealth(channel, ServingStatus.SERVING);
      assertThat(Calls.call(channel, integer(0)).payload()).isNotEqualTo(first);
    }
  }

  @Test
  void cancelledCallsToAHungUdfLeaveTheServerBounded() throws Exception {
    try (ShimProcess server = serve("HangsHard", Map.of())) {
      ManagedChannel channel = channel(server);
      awaitHealth(channel, ServingStatus.SERVING);
      int before = threads(server);
      FunctionRuntimeGrpc.FunctionRuntimeFutureStub stub =
          FunctionRuntimeGrpc.newFutureStub(channel);
      List<com.google.common.util.concurrent.ListenableFuture<?>> calls = new ArrayList<>();
      InvokeRequest request =
          InvokeRequest.newBuilder().setPayload(ByteString.copyFrom(bigint(1))).build();
      for (int i = 0; i < 500; i++) {
        calls.add(stub.withDeadlineAfter(1, TimeUnit.SECONDS).invoke(request));
      }
      for (var call : calls) {
        try {
          call.get(30, TimeUnit.SECONDS);
        } catch (java.util.concurrent.ExecutionException e) {
          // DEADLINE_EXCEEDED or RESOURCE_EXHAUSTED: either way answered
        }
      }

      // One thread per instance and the few stuck ones it left, never one per call.
      assertThat(threads(server)).isLessThan(before + 20);
    }
  }

  private static int threads(ShimProcess server) throws Exception {
    for (String line :
        Files.readAllLines(Path.of("/proc", server.process().pid() + "", "status"))) {
      if (line.startsWith("Threads:")) {
        return Integer.parseInt(line.substring("Threads:".length()).strip());
      }
    }
    throw new AssertionError("no thread count in /proc");
  }

  @Test
  void aSlowConstructorKeepsThePortOpenAndHealthNotServingUntilReady() throws Exception {
    try (ShimProcess server = serve("SlowStart", Map.of())) {
      ManagedChannel channel = channel(server);

      assertThat(Calls.health(channel)).isEqualTo(ServingStatus.NOT_SERVING);
      // A call that arrives while the handler opens waits for it.
      assertThat(Calls.call(channel, bigint(9)).payload()).isEqualTo(bigint(9));
      assertThat(Calls.health(channel)).isEqualTo(ServingStatus.SERVING);
      // The line follows the held call's answer by a moment: the call is released as it opens.
      assertThat(
              server.awaitLine(
                  line -> line.matches(".*Handler \\S+ExecutionHandler open in \\d{4,} ms.*"),
                  5_000))
          .isNotEmpty();
    }
  }

  @Test
  void aNullForANotNullResultIsAnErrorNamingTheSignature() throws Exception {
    try (ShimProcess server = serve("NullForNotNull", Map.of())) {
      ManagedChannel channel = channel(server);

      assertThat(Calls.call(channel, string("")).error())
          .isEqualTo(
              "com.example.faults.NullForNotNull.eval returned null, but its signature (text"
                  + " VARCHAR(2147483647)) -> VARCHAR(2147483647) NOT NULL declares the result NOT"
                  + " NULL; return a value, or declare the result nullable.");
      assertThat(Calls.call(channel, string("a")).payload()).isEqualTo(string("a"));
    }
  }

  @Test
  void failuresAreLoggedOneLineEachWithOneTraceAndNoForgedLines() throws Exception {
    try (ShimProcess server = serve("Fails", Map.of())) {
      ManagedChannel channel = channel(server);
      for (int i = 0; i < 60; i++) {
        assertThat(Calls.call(channel, bigint(i)).error()).startsWith("com.example.faults.Fails");
      }
      // Only the first 20 failure lines of a 10 s window are written, the first with its trace.
      server.awaitLine(line -> line.contains("bad input 19"), 10_000);

      List<String> lines = server.lines();
      assertThat(lines.stream().filter(l -> l.contains("Call failed:")).count()).isEqualTo(20);
      assertThat(lines.stream().filter(l -> l.contains("trace follows once")).count()).isOne();
      assertThat(lines).noneMatch(l -> l.startsWith("[ERROR] forged"));
      assertThat(lines).anyMatch(l -> l.contains("bad input 0\\n[ERROR] forged line"));
    }
  }

  @Test
  void linesAUdfLogsCarryItsClassInTextAndInJson() throws Exception {
    try (ShimProcess server = serve("Logs", Map.of())) {
      assertThat(Calls.call(channel(server), bigint(5)).payload()).isEqualTo(bigint(5));

      server.awaitLine(
          l -> l.contains("Logs [udf com.example.faults.Logs] - slf4j says 5"), 10_000);
      server.awaitLine(
          l -> l.contains("Logs [udf com.example.faults.Logs] - log4j says 5"), 10_000);
    }
    try (ShimProcess server = serve("Logs", Map.of("shim.log.format", "json"))) {
      assertThat(Calls.call(channel(server), bigint(6)).payload()).isEqualTo(bigint(6));

      String line = server.awaitLine(l -> l.contains("slf4j says 6"), 10_000);
      JsonObject event = JsonParser.parseString(line).getAsJsonObject();
      assertThat(event.get("level").getAsString()).isEqualTo("INFO");
      assertThat(event.get("loggerName").getAsString()).isEqualTo("com.example.faults.Logs");
      assertThat(event.get("formattedMessage").getAsString()).isEqualTo("slf4j says 6");
      assertThat(event.getAsJsonObject("mdc").get("udf").getAsString())
          .isEqualTo("com.example.faults.Logs");
      for (String each : server.lines()) {
        assertThat(JsonParser.parseString(each).isJsonObject()).as(each).isTrue();
      }
    }
  }

  @Test
  void callsBeyondTheQueueAreRefusedWithResourceExhausted() throws Exception {
    try (ShimProcess server = serve("Slow", Map.of("shim.server.max.queued", "1"))) {
      ManagedChannel channel = channel(server);
      assertThat(Calls.call(channel, bigint(1)).payload()).isEqualTo(bigint(1));
      CompletableFuture<Calls.Answer> running = callLater(channel, bigint(3_000), 30_000);
      Thread.sleep(500);
      CompletableFuture<Calls.Answer> queued = callLater(channel, bigint(1), 30_000);
      Thread.sleep(500);

      Calls.assertStatus(
          () -> Calls.call(channel, bigint(1)),
          Status.Code.RESOURCE_EXHAUSTED,
          "All 1 instance(s) of 'com.example.faults.Slow' are busy");
      assertThat(running.get(30, TimeUnit.SECONDS).payload()).isEqualTo(bigint(3_000));
      assertThat(queued.get(30, TimeUnit.SECONDS).payload()).isEqualTo(bigint(1));
    }
  }
}
