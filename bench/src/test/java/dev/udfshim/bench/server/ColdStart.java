package dev.udfshim.bench.server;

import com.google.protobuf.ByteString;
import dev.udfshim.protocol.layout.ShimLayout;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import secure.compute.function.runtime.v2.FunctionRuntimeGrpc;
import secure.compute.function.runtime.v2.InvokeRequest;

/**
 * Cold start, from process start to the first Invoke answer, side by side: the bare grpc-java
 * {@link EchoServer} against {@code bin/shim serve} of an unzipped artifact (execution handler),
 * without its class-data archive, with it, with it and C1 only, and a first start that writes it.
 * Every round starts each variant once, in turn (A B C ... A B C ...), so a load change on the
 * machine hits all of them alike. Reports the median, the spread and the ratio to the echo server.
 *
 * <pre>
 * ColdStart --shim UNZIPPED_ARTIFACT --spec CONFIG_DIR [--rounds 10] [--java JAVA_HOME]
 *           [--payload HEX --expect HEX] [--variant "JVM OPTIONS"]...
 * </pre>
 *
 * Each {@code --variant} adds {@code bin/shim} with its archive and those options in JAVA_OPTS.
 *
 * <p>The default payload is two BIGINTs 1 and 2, answered by 3: an add-one UDF's spec.
 */
public final class ColdStart {
  private record Variant(String name, List<String> command, Map<String, String> environment) {}

  private record Start(double answerMillis, double exitMillis) {}

  private ColdStart() {}

  public static void main(String[] args) throws Exception {
    Map<String, String> options = new LinkedHashMap<>();
    List<String> extraOptions = new ArrayList<>();
    for (int i = 0; i + 1 < args.length; i += 2) {
      if (args[i].equals("--variant")) {
        extraOptions.add(args[i + 1]);
      } else {
        options.put(args[i], args[i + 1]);
      }
    }
    Path shim = Path.of(required(options, "--shim")).toAbsolutePath();
    Path spec = Path.of(required(options, "--spec")).toAbsolutePath();
    int rounds = Integer.parseInt(options.getOrDefault("--rounds", "10"));
    Path javaHome = Path.of(options.getOrDefault("--java", System.getProperty("java.home")));
    byte[] payload =
        hex(
            options.getOrDefault(
                "--payload", "00" + "0000000000000001" + "00" + "0000000000000002"));
    byte[] expected = hex(options.getOrDefault("--expect", "00" + "0000000000000003"));

    List<String> serve =
        List.of(
            shim.resolve(ShimLayout.LAUNCHER).toString(),
            "serve",
            "--handler_name",
            "execution",
            "--config_override_dir",
            spec.toString(),
            "--host",
            "127.0.0.1",
            "--port");
    Map<String, String> java = Map.of("JAVA_HOME", javaHome.toString());
    List<Variant> variants =
        new ArrayList<>(
            List.of(
                new Variant(
                    "echo server (bare grpc-java)",
                    List.of(
                        javaHome.resolve("bin/java").toString(),
                        "-cp",
                        echoClassPath(shim),
                        EchoServer.class.getName()),
                    Map.of()),
                new Variant("bin/shim, SHIM_CDS=off", serve, with(java, "SHIM_CDS", "off")),
                new Variant("bin/shim (archive written before)", serve, java),
                new Variant(
                    "bin/shim (archive) + TieredStopAtLevel=1",
                    serve,
                    with(java, "JAVA_OPTS", "-XX:TieredStopAtLevel=1")),
                new Variant(
                    "bin/shim, first start (writes archive)",
                    serve,
                    with(java, "SHIM_CDS_DIR", shim.resolve("cds-first").toString()))));
    for (String extra : extraOptions) {
      variants.add(
          new Variant("bin/shim (archive) " + extra, serve, with(java, "JAVA_OPTS", extra)));
    }

    Map<Variant, List<Start>> starts = new LinkedHashMap<>();
    variants.forEach(v -> starts.put(v, new ArrayList<>()));
    // One start of each first, not counted: warms the file cache and writes the archive.
    for (Variant variant : variants) {
      start(variant, payload, echo(variant) ? payload : expected);
    }
    for (int round = 0; round < rounds; round++) {
      for (Variant variant : variants) {
        starts.get(variant).add(start(variant, payload, echo(variant) ? payload : expected));
      }
    }
    report(starts);
  }

  private static boolean echo(Variant variant) {
    return variant.name().startsWith("echo");
  }

  private static Start start(Variant variant, byte[] payload, byte[] expected) throws Exception {
    if (variant.environment().containsKey("SHIM_CDS_DIR")) {
      deleteTree(Path.of(variant.environment().get("SHIM_CDS_DIR")));
    }
    int port = freePort();
    List<String> command = new ArrayList<>(variant.command());
    command.add(String.valueOf(port));
    Path log = Files.createTempFile("cold-start", ".log");
    ProcessBuilder builder =
        new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(variant.environment());
    long started = System.nanoTime();
    Process process = builder.start();
    try {
      awaitListening(process, port, log);
      ManagedChannel channel =
          NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
      byte[] answer;
      try {
        answer =
            FunctionRuntimeGrpc.newBlockingStub(channel)
                .withDeadlineAfter(60, TimeUnit.SECONDS)
                .invoke(InvokeRequest.newBuilder().setPayload(ByteString.copyFrom(payload)).build())
                .getPayload()
                .toByteArray();
      } finally {
        channel.shutdownNow();
      }
      long answered = System.nanoTime();
      if (!Arrays.equals(answer, expected)) {
        throw new IllegalStateException(
            variant.name() + " answered " + hex(answer) + ", not " + hex(expected));
      }
      process.destroy();
      if (!process.waitFor(120, TimeUnit.SECONDS)) {
        throw new IllegalStateException(variant.name() + " did not stop on SIGTERM");
      }
      long exited = System.nanoTime();
      Files.delete(log);
      return new Start((answered - started) / 1e6, (exited - answered) / 1e6);
    } finally {
      process.destroyForcibly();
    }
  }

  /** Polls the port every millisecond: a refused loopback connect costs microseconds. */
  private static void awaitListening(Process process, int port, Path log) throws Exception {
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
    while (System.nanoTime() < until) {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", port), 100);
        return;
      } catch (IOException e) {
        if (!process.isAlive()) {
          throw new IllegalStateException(
              "exited before it listened:\n" + Files.readString(log), e);
        }
        Thread.sleep(1);
      }
    }
    throw new IllegalStateException("not listening after 60 s:\n" + Files.readString(log));
  }

  /** This class's folder and the gRPC and protobuf jars the artifact ships: nothing else. */
  private static String echoClassPath(Path shim) throws IOException {
    List<String> path = new ArrayList<>();
    path.add(
        Path.of(EchoServer.class.getProtectionDomain().getCodeSource().getLocation().getPath())
            .toString());
    List<String> prefixes =
        List.of(
            "grpc-",
            "protobuf-java-",
            "proto-google-common-protos-",
            "guava-",
            "failureaccess-",
            "perfmark-api-",
            "shim-protocol-");
    try (Stream<Path> jars = Files.list(shim.resolve(ShimLayout.RUNTIME_LIB))) {
      jars.map(Path::toString)
          .filter(
              p ->
                  prefixes.stream()
                      .anyMatch(prefix -> Path.of(p).getFileName().toString().startsWith(prefix)))
          .sorted()
          .forEach(path::add);
    }
    return String.join(File.pathSeparator, path);
  }

  private static void report(Map<Variant, List<Start>> starts) {
    double echo = median(times(starts.values().iterator().next()));
    System.out.printf(
        "%-42s %12s %16s %10s %12s%n", "variant", "median ms", "min..max ms", "x echo", "exit ms");
    for (Map.Entry<Variant, List<Start>> entry : starts.entrySet()) {
      double[] answer = times(entry.getValue());
      double[] exit = entry.getValue().stream().mapToDouble(Start::exitMillis).sorted().toArray();
      System.out.printf(
          "%-42s %12.0f %16s %10.2f %12.0f%n",
          entry.getKey().name(),
          median(answer),
          String.format("%.0f..%.0f", answer[0], answer[answer.length - 1]),
          median(answer) / echo,
          median(exit));
    }
    System.out.println(
        "rounds: "
            + starts.values().iterator().next().size()
            + ", answers in ms per round: "
            + starts.entrySet().stream()
                .map(
                    e ->
                        e.getValue().stream()
                            .map(s -> String.format("%.0f", s.answerMillis()))
                            .collect(Collectors.joining(" ")))
                .collect(Collectors.joining(" | ")));
  }

  private static double[] times(List<Start> starts) {
    return starts.stream().mapToDouble(Start::answerMillis).sorted().toArray();
  }

  private static double median(double[] sorted) {
    int n = sorted.length;
    return n % 2 == 1 ? sorted[n / 2] : (sorted[n / 2 - 1] + sorted[n / 2]) / 2;
  }

  private static Map<String, String> with(Map<String, String> base, String key, String value) {
    Map<String, String> map = new LinkedHashMap<>(base);
    map.put(key, value);
    return map;
  }

  private static int freePort() throws IOException {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }

  private static String required(Map<String, String> options, String name) {
    String value = options.get(name);
    if (value == null) {
      throw new IllegalArgumentException(
          "Missing " + name + "; usage: ColdStart --shim DIR --spec CONFIG_DIR [--rounds N]");
    }
    return value;
  }

  private static byte[] hex(String text) {
    return HexFormat.of().parseHex(text);
  }

  private static String hex(byte[] bytes) {
    return HexFormat.of().formatHex(bytes);
  }

  private static void deleteTree(Path root) {
    if (!Files.exists(root)) {
      return;
    }
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
