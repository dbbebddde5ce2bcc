package dev.udfshim.runtime.tooling;

import com.google.gson.Gson;
import com.google.gson.GsonBuilder;
import dev.udfshim.protocol.config.ConfigKeys;
import dev.udfshim.protocol.layout.ShimLayout;
import dev.udfshim.protocol.signatures.Signatures;
import dev.udfshim.protocol.signatures.Signatures.Failure;
import dev.udfshim.protocol.signatures.Signatures.Function;
import dev.udfshim.protocol.signatures.Signatures.Outcome;
import dev.udfshim.protocol.signatures.Signatures.Signature;
import dev.udfshim.protocol.signatures.SignaturesJson;
import dev.udfshim.protocol.spec.SpecCodec;
import dev.udfshim.protocol.spec.UdfSpec;
import dev.udfshim.runtime.cli.ArgsSplitter;
import dev.udfshim.runtime.cli.InvokeCommand;
import dev.udfshim.runtime.cli.ShimCli;
import dev.udfshim.runtime.cli.SignatureChoice;
import dev.udfshim.runtime.extraction.ExtractedUdf;
import dev.udfshim.runtime.extraction.ExtractionException;
import dev.udfshim.runtime.extraction.UdfExtractor;
import dev.udfshim.runtime.extraction.UdfSignature;
import dev.udfshim.runtime.handler.ConfigDirContext;
import dev.udfshim.runtime.handler.Context;
import dev.udfshim.runtime.handler.Failures;
import dev.udfshim.runtime.handler.HandlerRegistry;
import dev.udfshim.runtime.server.HandlerHost;
import dev.udfshim.runtime.server.ShimServer;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.lang.reflect.Modifier;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.flink.table.functions.ScalarFunction;
import org.apache.flink.table.functions.TableFunction;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;

/**
 * The runtime's entry point for build tools (the Maven plugin), called inside an isolated class
 * loader of runtime + project. Requests and answers are JSON strings, so no type crosses the loader
 * boundary.
 */
public final class BuildTools {
  private static final Gson GSON =
      new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create();

  private BuildTools() {}

  /** Request of {@link #extract}. */
  public record ExtractRequest(
      String classesDirectory, List<String> functions, String signaturesFile) {}

  /** Request of {@link #generateSpecs}. */
  public record SpecRequest(String signaturesFile, String outputDirectory, String pluginId) {}

  /** Answer of {@link #generateSpecs}: the spec files written, relative to the output folder. */
  public record SpecAnswer(List<String> files) {}

  /**
   * Extracts every UDF named in the request, or every public concrete ScalarFunction and
   * TableFunction under the classes folder, and writes signatures.json.
   */
  public static String extract(String requestJson) {
    ExtractRequest request = GSON.fromJson(requestJson, ExtractRequest.class);
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    List<String> names =
        request.functions() != null && !request.functions().isEmpty()
            ? request.functions()
            : discover(Path.of(request.classesDirectory()), loader);
    List<Function> functions = new ArrayList<>();
    List<Failure> failures = new ArrayList<>();
    for (Outcome outcome : extractAll(names, loader)) {
      if (outcome instanceof Function function) {
        functions.add(function);
      } else if (outcome instanceof Failure failure) {
        failures.add(failure);
      }
    }
    Signatures answer = new Signatures(version(), functions, failures);
    String json = SignaturesJson.write(answer);
    write(Path.of(request.signaturesFile()), json);
    return json;
  }

  /** Below this many classes a second thread costs more than it saves. */
  private static final int CLASSES_PER_THREAD = 32;

  /**
   * An outcome per name, in the names' order. Many classes are split over the cores (the extraction
   * server runs extractions side by side too); the order of the answer never depends on which
   * finished first.
   */
  static List<Outcome> extractAll(List<String> names, ClassLoader loader) {
    UdfExtractor extractor = new UdfExtractor(loader);
    int threads =
        Math.min(Runtime.getRuntime().availableProcessors(), names.size() / CLASSES_PER_THREAD);
    if (threads < 2) {
      return names.stream().map(name -> extractOne(extractor, name)).toList();
    }
    AtomicInteger next = new AtomicInteger();
    Outcome[] outcomes = new Outcome[names.size()];
    AtomicReference<Throwable> thrown = new AtomicReference<>();
    Runnable worker =
        () -> {
          try {
            for (int i = next.getAndIncrement(); i < outcomes.length; i = next.getAndIncrement()) {
              outcomes[i] = extractOne(extractor, names.get(i));
            }
          } catch (Throwable e) { // an Error, as one thread would have thrown it
            thrown.compareAndSet(null, e);
            next.set(outcomes.length);
          }
        };
    List<Thread> workers = new ArrayList<>();
    for (int t = 1; t < threads; t++) {
      Thread thread = new Thread(worker, "shim-extract-" + t);
      thread.setDaemon(true);
      thread.setContextClassLoader(loader);
      thread.start();
      workers.add(thread);
    }
    worker.run();
    for (Thread thread : workers) {
      try {
        thread.join();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("Interrupted while extracting", e);
      }
    }
    if (thrown.get() instanceof Error error) {
      throw error;
    } else if (thrown.get() != null) {
      throw new IllegalStateException(thrown.get());
    }
    return Arrays.asList(outcomes);
  }

  private static Outcome extractOne(UdfExtractor extractor, String name) {
    try {
      ExtractedUdf udf = extractor.inspect(name);
      List<Signature> signatures = new ArrayList<>();
      for (int i = 0; i < udf.signatures().size(); i++) {
        UdfSignature s = udf.signatures().get(i);
        signatures.add(
            new Signature(i, s.argumentNames(), s.argumentTypeStrings(), s.returnTypeString()));
      }
      return new Function(name, udf.kind(), udf.deterministic(), signatures);
    } catch (ExtractionException e) {
      return new Failure(name, e.code().name(), e.getMessage());
    } catch (RuntimeException | LinkageError e) {
      return new Failure(
          name, "UNKNOWN", "Extraction of '" + name + "' failed: " + Failures.describe(e));
    }
  }

  /** Public concrete ScalarFunction and TableFunction classes under a classes folder, sorted. */
  static List<String> discover(Path classes, ClassLoader loader) {
    if (!Files.isDirectory(classes)) {
      return List.of();
    }
    List<String> found = new ArrayList<>();
    try (Stream<Path> files = Files.walk(classes)) {
      for (Path file : files.filter(p -> p.toString().endsWith(".class")).sorted().toList()) {
        String relative = classes.relativize(file).toString().replace('\\', '/');
        String name =
            relative.substring(0, relative.length() - ".class".length()).replace('/', '.');
        if (name.endsWith("module-info") || name.endsWith("package-info")) {
          continue;
        }
        Class<?> type;
        try {
          type = Class.forName(name, false, loader);
        } catch (ClassNotFoundException | LinkageError e) {
          continue; // not loadable on its own (e.g. an optional dependency is absent): not a UDF
        }
        int modifiers = type.getModifiers();
        boolean udf =
            ScalarFunction.class.isAssignableFrom(type)
                || TableFunction.class.isAssignableFrom(type);
        boolean nested = type.getEnclosingClass() != null && !Modifier.isStatic(modifiers);
        if (udf
            && Modifier.isPublic(modifiers)
            && !Modifier.isAbstract(modifiers)
            && !type.isAnonymousClass()
            && !nested) {
          found.add(name);
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot list " + classes, e);
    }
    return found;
  }

  /**
   * Writes one {@code spec_base64} per signature: {@code <out>/<class name>/<index>/spec_base64},
   * each folder usable as {@code --config_override_dir}.
   */
  public static String generateSpecs(String requestJson) {
    SpecRequest request = GSON.fromJson(requestJson, SpecRequest.class);
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    Signatures signatures;
    try {
      signatures = SignaturesJson.read(Path.of(request.signaturesFile()), loader);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + request.signaturesFile(), e);
    }
    // All specs first, then one pass over the folder: 650 specs are 1,300 folders and 650 files,
    // and on a slow disk those file system calls, not the encoding, are the cost.
    Map<String, String> specs = new LinkedHashMap<>();
    for (Function function : signatures.functions()) {
      for (Signature signature : function.signatures()) {
        List<LogicalType> types = new ArrayList<>();
        for (String type : signature.argumentTypes()) {
          types.add(LogicalTypeParser.parse(type, loader));
        }
        UdfSpec spec =
            UdfSpec.of(
                request.pluginId() == null ? "" : request.pluginId(),
                function.className(),
                signature.argumentNames(),
                types,
                LogicalTypeParser.parse(signature.returnType(), loader));
        specs.put(
            ShimLayout.specFile(function.className(), signature.index()),
            SpecCodec.toBase64(spec) + "\n");
      }
    }
    writeTree(Path.of(request.outputDirectory()), specs);
    List<String> files = new ArrayList<>(specs.keySet());
    return GSON.toJson(new SpecAnswer(files));
  }

  /** Request of {@link #serve}. */
  public record ServeRequest(String handler, String configDirectory, String host, int port) {}

  /**
   * Serves until the JVM stops (Ctrl-C): the handler in this loader, config vars from the folder.
   * Returns when the server has stopped.
   */
  public static String serve(String requestJson) throws IOException, InterruptedException {
    ServeRequest request = GSON.fromJson(requestJson, ServeRequest.class);
    ShimServer server =
        start(request.handler(), request.configDirectory(), request.host(), request.port());
    Thread stop = new Thread(server::close, "shim-shutdown");
    Runtime.getRuntime().addShutdownHook(stop);
    server.awaitTermination();
    return "";
  }

  /**
   * Request of {@link #invoke}: a target, or none for a server started for the call, whose config
   * override dir is {@code <configRoot>/<function>/<signature index>} (the spec and the job
   * parameters). Without a function, the only UDF under the classes folder.
   */
  public record InvokeRequest(
      String target,
      String function,
      boolean extract,
      String args,
      Integer signature,
      String configRoot,
      String classesDirectory,
      Map<String, String> jobParameters) {}

  /** Answer of {@link #invoke}: the CLI's exit code and what it printed. */
  public record InvokeAnswer(int exitCode, String out, String err) {}

  /**
   * The CLI's {@code invoke} against the target, or against a server started in this JVM on a free
   * loopback port for the one call. The UDF is extracted once: the signature, the spec and the
   * encoding all come from that one extraction.
   */
  public static String invoke(String requestJson) throws IOException, InterruptedException {
    InvokeRequest request = GSON.fromJson(requestJson, InvokeRequest.class);
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    String function = request.function();
    if (function == null || function.isBlank()) {
      List<String> found = discover(Path.of(request.classesDirectory()), loader);
      if (found.size() != 1) {
        return failed(
            "Name the UDF with -Dfunction=<class>; this project has "
                + (found.isEmpty() ? "no UDF" : String.join(", ", found))
                + ".");
      }
      function = found.get(0);
    }
    boolean local = request.target() == null || request.target().isBlank();
    StringWriter out = new StringWriter();
    StringWriter err = new StringWriter();
    if (request.extract()) {
      try (ShimServer server = local ? start("extraction", null, "127.0.0.1", 0) : null) {
        String target = local ? "127.0.0.1:" + server.port() : request.target();
        String[] args = {"invoke", "--target", target, "--function", function, "--extract"};
        int exit = ShimCli.run(args, new PrintWriter(out), new PrintWriter(err));
        return GSON.toJson(new InvokeAnswer(exit, out.toString(), err.toString()));
      }
    }
    ExtractedUdf udf;
    try {
      udf = new UdfExtractor(loader).inspect(function);
    } catch (ExtractionException e) {
      return failed(function + ": " + e.code() + ": " + e.getMessage());
    }
    List<String> values = ArgsSplitter.split(request.args());
    SignatureChoice.Chosen chosen;
    try {
      chosen =
          SignatureChoice.of(request.signature())
              .choose(udf, function, loader, s -> s.argumentTypes().size() == values.size());
    } catch (IllegalArgumentException e) {
      return failed(e.getMessage());
    }
    String configDirectory = null;
    if (local) {
      Path dir =
          Path.of(request.configRoot())
              .resolve(ShimLayout.signatureDirectory(function, chosen.index()))
              .toAbsolutePath();
      Map<String, String> vars = new LinkedHashMap<>();
      vars.put(
          ConfigKeys.SPEC_VAR, SpecCodec.toBase64(chosen.signature().spec("", function)) + "\n");
      if (request.jobParameters() != null) {
        vars.putAll(request.jobParameters());
      }
      writeTree(dir, vars);
      configDirectory = dir.toString();
    }
    try (ShimServer server = local ? start("execution", configDirectory, "127.0.0.1", 0) : null) {
      String target = local ? "127.0.0.1:" + server.port() : request.target();
      int exit =
          InvokeCommand.invoke(
              target,
              chosen,
              values,
              loader,
              new PrintWriter(out, true),
              new PrintWriter(err, true));
      return GSON.toJson(new InvokeAnswer(exit, out.toString(), err.toString()));
    } catch (IllegalArgumentException e) {
      return failed(e.getMessage()); // a value that does not parse, a target that is not host:port
    }
  }

  private static String failed(String message) {
    return GSON.toJson(new InvokeAnswer(1, "", "error: " + message));
  }

  private static ShimServer start(String handler, String configDirectory, String host, int port)
      throws IOException {
    ClassLoader loader = Thread.currentThread().getContextClassLoader();
    Context context =
        configDirectory != null
            ? new ConfigDirContext(Path.of(configDirectory))
            : key -> Optional.empty();
    return ShimServer.start(
        host, port, new HandlerHost(HandlerRegistry.create(handler, loader), context));
  }

  /**
   * Makes the folder hold exactly these files (relative path to text), as deleting and rewriting it
   * would, but touching only what differs: specs of removed signatures go, unchanged ones stay. The
   * folders it holds are known from one walk, so no call asks the disk what is already known.
   */
  private static void writeTree(Path root, Map<String, String> files) {
    Map<Path, byte[]> wanted = new LinkedHashMap<>();
    files.forEach(
        (name, text) -> wanted.put(root.resolve(name), text.getBytes(StandardCharsets.UTF_8)));
    Set<Path> folders = new HashSet<>();
    Map<Path, Long> existing = new HashMap<>();
    try {
      if (Files.isDirectory(root)) {
        List<Path> stale = new ArrayList<>();
        Files.walkFileTree(
            root,
            new SimpleFileVisitor<>() {
              @Override
              public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attributes) {
                folders.add(dir);
                return FileVisitResult.CONTINUE;
              }

              @Override
              public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                if (wanted.containsKey(file)) {
                  existing.put(file, attributes.size());
                } else {
                  stale.add(file);
                }
                return FileVisitResult.CONTINUE;
              }
            });
        for (Path file : stale) {
          Files.delete(file);
        }
        // Every folder from a wanted file up to the root stays.
        Set<Path> needed = new HashSet<>(Set.of(root));
        for (Path file : wanted.keySet()) {
          Path dir = file.getParent();
          while (dir.startsWith(root) && needed.add(dir)) {
            dir = dir.getParent();
          }
        }
        for (Path dir : folders.stream().sorted(Comparator.reverseOrder()).toList()) {
          if (!needed.contains(dir)) {
            Files.delete(dir);
            folders.remove(dir);
          }
        }
      } else {
        Files.createDirectories(root);
        folders.add(root);
      }
      for (Map.Entry<Path, byte[]> file : wanted.entrySet()) {
        createFolders(file.getKey().getParent(), folders);
        Long size = existing.get(file.getKey());
        if (size == null
            || size != file.getValue().length
            || !Arrays.equals(Files.readAllBytes(file.getKey()), file.getValue())) {
          Files.write(file.getKey(), file.getValue());
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException(
          "Cannot write the specs into " + root + ": " + e.getMessage(), e);
    }
  }

  private static void createFolders(Path dir, Set<Path> folders) throws IOException {
    if (folders.contains(dir)) {
      return;
    }
    createFolders(dir.getParent(), folders);
    Files.createDirectory(dir);
    folders.add(dir);
  }

  private static void write(Path file, String text) {
    try {
      Files.createDirectories(file.getParent());
      Files.writeString(file, text, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write " + file, e);
    }
  }

  private static String version() {
    String version = BuildTools.class.getPackage().getImplementationVersion();
    return version != null ? version : "development";
  }
}
