package dev.udfshim.test;

import dev.udfshim.protocol.config.ConfigKeys;
import dev.udfshim.protocol.spec.SpecCodec;
import dev.udfshim.runtime.extraction.ExtractedUdf;
import dev.udfshim.runtime.extraction.ExtractionException;
import dev.udfshim.runtime.extraction.UdfExtractor;
import dev.udfshim.runtime.extraction.UdfSignature;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Tests a Flink UDF through the path the platform runs it on, without Flink or a cluster: the
 * build's extraction, the spec of one signature, the execution handler opened with that spec and
 * the job parameters as config vars, the arguments and the result through the binary codec, and
 * Flink's conversions on both sides. Optionally over real gRPC, against a shim server started on
 * 127.0.0.1 for this tester.
 *
 * <pre>{@code
 * try (UdfTester addOne = UdfTester.of(AddOne.class)) {
 *   assertEquals(3L, addOne.call(1L, 2L));
 * }
 * }</pre>
 *
 * <p>Arguments are Java values of a class Flink converts to the argument's SQL type ({@code Long}
 * for BIGINT, {@code String} for STRING, {@code Row} for ROW, ...); optional arguments at the end
 * may be left out (they are NULL, as Flink passes them). Results come back as the default Java
 * class of the result type, as a Flink client reads them. The UDF is opened (its {@code open()}
 * runs) on the first call of a signature and closed by {@link #close()}: use try-with-resources or
 * close it after each test.
 *
 * <p>Before {@code open()}, each instance goes through a Java serialization round trip, as Flink
 * ships a function to its tasks: a {@code transient} field set by the constructor is then null, and
 * a call that fails on it says so. {@link #withoutSerialization()} turns the trip off.
 */
public final class UdfTester implements AutoCloseable {
  /** The execution handler's switch for the round trip Flink ships functions with. */
  private static final String SERIALIZE_INSTANCES =
      dev.udfshim.runtime.config.ExecutionOptions.SERIALIZE_INSTANCES.key();

  private final Class<?> udfClass;
  private final ExtractedUdf udf;
  private final Map<String, String> configVars;
  private final boolean overGrpc;
  private final Integer chosenSignature;
  private final boolean serialization;
  private final Map<Integer, Transport> open = new HashMap<>();

  private UdfTester(
      Class<?> udfClass,
      ExtractedUdf udf,
      Map<String, String> configVars,
      boolean overGrpc,
      Integer chosenSignature,
      boolean serialization) {
    this.udfClass = udfClass;
    this.udf = udf;
    this.configVars = Map.copyOf(configVars);
    this.overGrpc = overGrpc;
    this.chosenSignature = chosenSignature;
    this.serialization = serialization;
  }

  /**
   * Extracts the UDF exactly as the build does.
   *
   * @throws UdfExtractionException with the build's error code and reason when the platform cannot
   *     run the class
   * @throws IllegalStateException when the class path mixes Flink versions, or holds another Flink
   *     than the one the build resolved the shim runtime with: the UDF would not run as the shim
   *     artifact runs it
   */
  public static UdfTester of(Class<?> udfClass) {
    TestClassPath.check(udfClass.getClassLoader());
    try {
      ExtractedUdf udf = new UdfExtractor(udfClass.getClassLoader()).inspect(udfClass.getName());
      return new UdfTester(udfClass, udf, Map.of(), false, null, true);
    } catch (ExtractionException e) {
      throw new UdfExtractionException(udfClass.getName(), e.code().name(), e.getMessage());
    }
  }

  /**
   * The same UDF with a job parameter: {@code FunctionContext#getJobParameter(key, default)}
   * answers {@code value}. It is handed to the execution handler as a config var, as the platform
   * does, so the handler's own settings (e.g. {@code confluent.remote-udf.adapter.parallelism}) are
   * set the same way.
   */
  public UdfTester withJobParameter(String key, String value) {
    return withJobParameters(Map.of(key, value));
  }

  /** The same UDF with these job parameters added (see {@link #withJobParameter}). */
  public UdfTester withJobParameters(Map<String, String> parameters) {
    Map<String, String> vars = new TreeMap<>(configVars);
    parameters.forEach(
        (key, value) -> {
          if (key.equals(ConfigKeys.SPEC_VAR)) {
            throw new IllegalArgumentException(
                ConfigKeys.SPEC_VAR
                    + " is the UDF spec, which the tester writes itself; choose another job"
                    + " parameter name.");
          }
          vars.put(key, value);
        });
    return new UdfTester(udfClass, udf, vars, overGrpc, chosenSignature, serialization);
  }

  /**
   * The same UDF called over real gRPC: each signature is served by a shim server on a free port of
   * 127.0.0.1, and every call is a {@code FunctionRuntime/Invoke} to it.
   */
  public UdfTester overGrpc() {
    return new UdfTester(udfClass, udf, configVars, true, chosenSignature, serialization);
  }

  /**
   * The same UDF opened as constructed, without the Java serialization round trip Flink ships
   * functions with: for a UDF that only ever runs on the platform, which creates it through its
   * constructor.
   */
  public UdfTester withoutSerialization() {
    return new UdfTester(udfClass, udf, configVars, overGrpc, chosenSignature, false);
  }

  /**
   * The same UDF, always called with signature {@code index} (the order of {@link #signatures()},
   * which is that of signatures.json), instead of the one the arguments fit.
   */
  public UdfTester signature(int index) {
    if (index < 0 || index >= udf.signatures().size()) {
      throw new IllegalArgumentException(
          "Signature " + index + " does not exist; " + udfClass.getName() + " has " + listing());
    }
    return new UdfTester(udfClass, udf, configVars, overGrpc, index, serialization);
  }

  /**
   * One signature, as the build's extraction table and signatures.json show it.
   *
   * @param argumentOptional per argument, whether a call may leave it out; empty when none may
   */
  public record Signature(
      int index,
      List<String> argumentNames,
      List<String> argumentTypes,
      String returnType,
      List<Boolean> argumentOptional) {
    public Signature {
      argumentOptional = List.copyOf(argumentOptional);
    }

    public Signature(
        int index, List<String> argumentNames, List<String> argumentTypes, String returnType) {
      this(index, argumentNames, argumentTypes, returnType, List.of());
    }

    /** "(i BIGINT, j BIGINT) -> BIGINT"; an optional argument in brackets. */
    @Override
    public String toString() {
      List<String> parts = new ArrayList<>();
      for (int i = 0; i < argumentTypes.size(); i++) {
        boolean optional = !argumentOptional.isEmpty() && argumentOptional.get(i);
        parts.add(
            (optional ? "[" : "")
                + (argumentNames.isEmpty() ? "" : argumentNames.get(i) + " ")
                + argumentTypes.get(i)
                + (optional ? "]" : ""));
      }
      return "(" + String.join(", ", parts) + ") -> " + returnType;
    }
  }

  /** What extraction found, in the documented order. */
  public List<Signature> signatures() {
    List<Signature> list = new ArrayList<>();
    for (int i = 0; i < udf.signatures().size(); i++) {
      UdfSignature s = udf.signatures().get(i);
      list.add(
          new Signature(
              i,
              s.argumentNames(),
              s.argumentTypeStrings(),
              s.returnTypeString(),
              s.argumentOptional()));
    }
    return List.copyOf(list);
  }

  /** The UDF's {@code isDeterministic()}, as extraction reports it to the platform. */
  public boolean isDeterministic() {
    return udf.deterministic();
  }

  /** {@code SCALAR} or {@code TABLE}. */
  public String kind() {
    return udf.kind();
  }

  /**
   * Calls a ScalarFunction with these arguments through the platform's path and returns the decoded
   * result.
   *
   * @throws UdfCallException with the platform's error answer when the call fails (eval threw,
   *     open() failed, a value does not fit its type)
   */
  public Object call(Object... arguments) {
    if (udf.isTable()) {
      throw new IllegalStateException(
          udfClass.getName() + " is a TableFunction; call it with callTable(...).");
    }
    return Values.decodeScalar(invoke(arguments));
  }

  /** Calls a TableFunction and returns the rows it emitted, in order. */
  public List<Object> callTable(Object... arguments) {
    if (!udf.isTable()) {
      throw new IllegalStateException(
          udfClass.getName() + " is a ScalarFunction; call it with call(...).");
    }
    return Values.decodeRows(invoke(arguments));
  }

  private Values.Payload invoke(Object[] arguments) {
    Object[] values = arguments == null ? new Object[] {null} : arguments;
    int index = chosenSignature != null ? chosenSignature : Values.fitting(udf, values, listing());
    UdfSignature signature = udf.signatures().get(index);
    byte[] payload = Values.encode(signature, values, udfClass.getClassLoader());
    Transport transport;
    synchronized (open) {
      transport = open.get(index);
      if (transport == null) {
        transport = openTransport(signature);
        open.put(index, transport);
      }
    }
    return new Values.Payload(
        transport.invoke(payload), signature, udfClass.getClassLoader(), udf.isTable());
  }

  private Transport openTransport(UdfSignature signature) {
    Map<String, String> vars = new TreeMap<>(configVars);
    vars.put(ConfigKeys.SPEC_VAR, SpecCodec.toBase64(signature.spec("", udfClass.getName())));
    vars.putIfAbsent(SERIALIZE_INSTANCES, String.valueOf(serialization));
    Thread thread = Thread.currentThread();
    ClassLoader previous = thread.getContextClassLoader();
    // The handler binds the UDF through the context loader, as the server's own thread has it.
    thread.setContextClassLoader(udfClass.getClassLoader());
    try {
      return overGrpc ? GrpcTransport.start(vars) : InProcessTransport.open(vars);
    } finally {
      thread.setContextClassLoader(previous);
    }
  }

  private String listing() {
    StringBuilder text = new StringBuilder(udf.signatures().size() + " signature(s):");
    for (Signature s : signatures()) {
      text.append(" [").append(s.index()).append("] ").append(s);
    }
    return text.toString();
  }

  /** The ports of the servers this tester started over gRPC (for tests of the tester). */
  List<Integer> ports() {
    synchronized (open) {
      return open.values().stream()
          .filter(GrpcTransport.class::isInstance)
          .map(t -> ((GrpcTransport) t).port())
          .toList();
    }
  }

  /** Closes the UDF instances (their {@code close()} runs) and stops any server. */
  @Override
  public void close() {
    synchronized (open) {
      open.values().forEach(Transport::close);
      open.clear();
    }
  }
}
