package dev.udfshim.flink.sql;

import dev.udfshim.flink.sql.udfs.AddOne;
import dev.udfshim.protocol.config.ConfigKeys;
import dev.udfshim.protocol.layout.ShimLayout;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.flink.table.api.TableEnvironment;

/**
 * The test UDFs ({@code dev.udfshim.flink.sql.udfs}) as the platform would serve them: their
 * classes in a folder of their own (the artifact's lib/udf), extracted with the runtime's tooling
 * into signatures.json and one spec per signature, and execution servers started from those (one
 * {@code serve} process per signature).
 */
public final class RemoteUdfs {
  public static final String PACKAGE = AddOne.class.getPackageName() + ".";

  /** Every UDF of the package. */
  static final List<String> ALL =
      List.of(
          "AddOne",
          "Backwards",
          "Counted",
          "Piped",
          "Fails",
          "Greet",
          "Older",
          "RandomBelow",
          "Shift",
          "Sleep",
          "SplitWords",
          "Tally");

  private final Path dir;
  private final Path udfs;
  private final AtomicInteger copies = new AtomicInteger();

  private RemoteUdfs(Path dir, Path udfs) {
    this.dir = dir;
    this.udfs = udfs;
  }

  /** Copies and extracts the UDFs into {@code dir}. */
  public static RemoteUdfs prepare(Path dir) throws Exception {
    Path udfs = ShimRuntime.copyPackage(AddOne.class, dir.resolve("udfs"));
    ShimRuntime.extract(
        udfs, dir.resolve("shim"), ALL.stream().map(name -> PACKAGE + name).toList());
    return new RemoteUdfs(dir, udfs);
  }

  /** signatures.json of the UDFs. */
  public Path signatures() {
    return dir.resolve("shim").resolve(ShimLayout.SIGNATURES);
  }

  /** The config override dir of {@code AddOne/0}. */
  Path spec(String signature) {
    int slash = signature.indexOf('/');
    return dir.resolve("shim")
        .resolve(
            ShimLayout.specDirectory(
                PACKAGE + signature.substring(0, slash),
                Integer.parseInt(signature.substring(slash + 1))));
  }

  /**
   * Starts a server for each signature ({@code AddOne/0}, ...), in parallel, with these config vars
   * beside the spec.
   */
  public Servers serve(List<String> signatures, Map<String, String> configVars) throws Exception {
    return serve(signatures, configVars, false);
  }

  /**
   * Servers as they were before control frames (the runtime's {@code PreControlFramesHandler}):
   * they answer describe with an error.
   */
  public Servers serveAsBeforeControlFrames(List<String> signatures, Map<String, String> configVars)
      throws Exception {
    return serve(signatures, configVars, true);
  }

  private Servers serve(List<String> signatures, Map<String, String> configVars, boolean old)
      throws Exception {
    Map<String, Future<ServeProcess>> starting = new LinkedHashMap<>();
    ExecutorService pool = Executors.newFixedThreadPool(4);
    try {
      for (String signature : signatures) {
        Path config = configVars.isEmpty() ? spec(signature) : copy(signature, configVars);
        starting.put(
            signature,
            pool.submit(
                () ->
                    old
                        ? ServeProcess.start(
                            config,
                            0,
                            "dev.udfshim.fixtures.PreControlFramesHandler",
                            List.of(udfs, ShimRuntime.fixturesJar()))
                        : ServeProcess.start(config, 0, udfs)));
      }
      Map<String, ServeProcess> started = new LinkedHashMap<>();
      Exception failure = null;
      for (Map.Entry<String, Future<ServeProcess>> entry : starting.entrySet()) {
        try {
          started.put(entry.getKey(), entry.getValue().get());
        } catch (Exception e) {
          failure = failure == null ? e : failure;
        }
      }
      if (failure != null) {
        started.values().forEach(ServeProcess::close);
        throw failure;
      }
      return new Servers(started);
    } finally {
      pool.shutdown();
    }
  }

  /** A server of one signature on a given port (one a test reserved). */
  ServeProcess serveOn(String signature, int port) throws Exception {
    return ServeProcess.start(spec(signature), port, udfs);
  }

  private Path copy(String signature, Map<String, String> vars) {
    Path into = dir.resolve("config-" + copies.incrementAndGet()).resolve(signature);
    try {
      Files.createDirectories(into);
      Files.copy(spec(signature).resolve(ConfigKeys.SPEC_VAR), into.resolve(ConfigKeys.SPEC_VAR));
      for (Map.Entry<String, String> var : vars.entrySet()) {
        Files.writeString(into.resolve(var.getKey()), var.getValue());
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return into;
  }

  /** Registers every UDF of the package in-process, under its simple name. */
  public static void registerInProcess(TableEnvironment env) {
    for (String name : ALL) {
      env.executeSql("CREATE TEMPORARY SYSTEM FUNCTION " + name + " AS '" + PACKAGE + name + "'");
    }
  }

  /** Servers of some signatures, stopped together. */
  public final class Servers implements AutoCloseable {
    private final Map<String, ServeProcess> servers;

    private Servers(Map<String, ServeProcess> servers) {
      this.servers = servers;
    }

    /** The port of a signature's server ({@code AddOne/0}). */
    public int port(String signature) {
      return servers.get(signature).port();
    }

    ServeProcess server(String signature) {
      return servers.get(signature);
    }

    /** The module's 'endpoints' value: {@code <class>/<n>=127.0.0.1:<port>;...}. */
    public String endpoints() {
      List<String> entries = new ArrayList<>();
      servers.forEach((s, server) -> entries.add(PACKAGE + s + "=127.0.0.1:" + server.port()));
      return String.join(";", entries);
    }

    /** {@code LOAD MODULE shim WITH (...)} over these servers, with more options. */
    public String loadModule(Map<String, String> options) {
      StringBuilder sql =
          new StringBuilder("LOAD MODULE shim WITH ('signatures' = '")
              .append(signatures())
              .append("', 'endpoints' = '")
              .append(endpoints())
              .append("'");
      options.forEach((k, v) -> sql.append(", '").append(k).append("' = '").append(v).append("'"));
      return sql.append(")").toString();
    }

    @Override
    public void close() {
      servers.values().parallelStream().forEach(ServeProcess::close);
    }
  }
}
