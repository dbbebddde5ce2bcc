package dev.udfshim.runtime.execution;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.udfshim.fixtures.Exec;
import dev.udfshim.protocol.codec.ValueCodec;
import dev.udfshim.protocol.codec.WireReader;
import dev.udfshim.protocol.framing.ArgumentsCodec;
import dev.udfshim.protocol.spec.SpecCodec;
import dev.udfshim.protocol.spec.UdfSpec;
import dev.udfshim.runtime.config.ExecutionOptions;
import dev.udfshim.runtime.extraction.ExtractedUdf;
import dev.udfshim.runtime.extraction.UdfExtractor;
import dev.udfshim.runtime.extraction.UdfSignature;
import dev.udfshim.runtime.handler.ConfigDirContext;
import dev.udfshim.runtime.handler.HandlerException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;
import org.apache.flink.table.data.conversion.DataStructureConverter;
import org.apache.flink.table.data.conversion.DataStructureConverters;
import org.apache.flink.table.types.DataType;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ExecutionHandlerTest {
  @TempDir Path configDir;
  private final ExecutionHandler handler = new ExecutionHandler();
  private ConfigDirContext context;
  private UdfSignature signature;

  @AfterEach
  void close() {
    handler.close(context);
  }

  /** Writes the spec of the class's signature that matches, and opens the handler. */
  private void open(String className, Predicate<UdfSignature> which) throws Exception {
    ExtractedUdf udf = new UdfExtractor(getClass().getClassLoader()).inspect(className);
    signature = udf.signatures().stream().filter(which).findFirst().orElseThrow();
    Files.writeString(
        configDir.resolve("spec_base64"), SpecCodec.toBase64(signature.spec("p", className)));
    context = new ConfigDirContext(configDir);
    handler.open(context);
  }

  private void open(String className) throws Exception {
    open(className, s -> true);
  }

  private byte[] call(Object... externalArgs) throws HandlerException {
    Object[] internal = new Object[externalArgs.length];
    List<String> names = new ArrayList<>();
    for (int i = 0; i < externalArgs.length; i++) {
      internal[i] = converter(signature.argumentTypes().get(i)).toInternalOrNull(externalArgs[i]);
      names.add("a" + i);
    }
    byte[] payload =
        new ArgumentsCodec(
                names, signature.argumentTypes().stream().map(DataType::getLogicalType).toList())
            .encode(internal);
    return handler.handleRequest(payload, context);
  }

  private Object decodeScalar(byte[] response) throws Exception {
    WireReader in = new WireReader(response);
    Object value =
        converter(signature.returnType())
            .toExternalOrNull(ValueCodec.forType(signature.returnType().getLogicalType()).read(in));
    assertThat(in.remaining()).isZero();
    return value;
  }

  private static DataStructureConverter<Object, Object> converter(DataType type) {
    DataStructureConverter<Object, Object> c = DataStructureConverters.getConverter(type);
    c.open(ExecutionHandlerTest.class.getClassLoader());
    return c;
  }

  @Test
  void protocolExampleAddOneOfOneAndTwoIsThree() throws Exception {
    Files.writeString(
        configDir.resolve("spec_base64"),
        "CghwbHVnaW4tMRIadGVzdHMudWRmX2ZpeHR1cmVzLmFkZF9vbmUaGgoYChYKCQoBaRoECAQQAQoJCgFqGgQIBBABIhAKDgoMCgoKAmYwGgQIBBAB");
    context = new ConfigDirContext(configDir);
    handler.open(context);

    byte[] response =
        handler.handleRequest(Base64.getDecoder().decode("AAAAAAAAAAABAAAAAAAAAAAC"), context);

    assertThat(Base64.getEncoder().encodeToString(response)).isEqualTo("AAAAAAAAAAAD");
    assertThat(handler.handleRequest(new byte[] {1, 0, 0, 0, 0, 0, 0, 0, 0, 2}, context))
        .containsExactly(1);
  }

  @Test
  void arraysMapsAndRowsConvertToTheDeclaredJavaClasses() throws Exception {
    open(
        "dev.udfshim.fixtures.Exec$Collections",
        s -> s.argumentTypes().size() == 1 && s.argumentTypeStrings().get(0).startsWith("ARRAY"));
    assertThat(decodeScalar(call((Object) new Long[] {1L, null, 40L}))).isEqualTo(41L);
    handler.close(context);

    open(
        "dev.udfshim.fixtures.Exec$Collections",
        s -> s.argumentTypes().size() == 1 && s.argumentTypeStrings().get(0).startsWith("MAP"));
    Map<String, Integer> map = new LinkedHashMap<>();
    map.put("b", 1);
    map.put("a", null);
    assertThat((Object[]) decodeScalar(call(map))).containsExactly("a", "b");
    handler.close(context);

    open("dev.udfshim.fixtures.Exec$Collections", s -> s.argumentTypes().size() == 3);
    Row row = (Row) decodeScalar(call("n", new BigDecimal("12.50"), List.of("x", "y")));
    assertThat(row.getField(0)).isEqualTo("n");
    assertThat(row.getField(1)).isEqualTo(new BigDecimal("12.50"));
    assertThat((Object[]) row.getField(2)).containsExactly("x", "y");
  }

  @Test
  void temporalTypesKeepTheirPrecision() throws Exception {
    open("dev.udfshim.fixtures.Exec$Temporal");

    Object result =
        decodeScalar(
            call(
                LocalDate.of(2024, 2, 29),
                LocalTime.of(23, 59, 59, 123_000_000),
                Instant.ofEpochSecond(0, 456_789)));

    assertThat(result).isEqualTo(LocalDateTime.of(2024, 2, 29, 23, 59, 59, 123_456_789));
  }

  @Test
  void tableFunctionAnswersRowCountThenEachRow() throws Exception {
    open("dev.udfshim.fixtures.Exec$Chars");

    WireReader in = new WireReader(call("héy"));
    ValueCodec rowCodec = ValueCodec.forType(signature.returnType().getLogicalType());
    DataStructureConverter<Object, Object> rows = converter(signature.returnType());
    assertThat(in.readInt()).isEqualTo(3);
    List<Row> emitted = new ArrayList<>();
    for (int i = 0; i < 3; i++) {
      emitted.add((Row) rows.toExternalOrNull(rowCodec.read(in)));
    }
    assertThat(in.remaining()).isZero();
    assertThat(emitted).containsExactly(Row.of("h", 0), Row.of("é", 1), Row.of("y", 2));
    assertThat(call((Object) null)).containsExactly(0, 0, 0, 0);
  }

  @Test
  void udfExceptionNamesClassAndCauseChain() throws Exception {
    open("dev.udfshim.fixtures.Exec$Fails");

    assertThatThrownBy(() -> call(-1L))
        .isInstanceOf(HandlerException.class)
        .hasMessage(
            "dev.udfshim.fixtures.Exec$Fails.eval threw java.lang.IllegalArgumentException:"
                + " negative input -1 Caused by: java.lang.ArithmeticException: cannot take the"
                + " root");
    assertThat(decodeScalar(call(5L))).isEqualTo(5L);
  }

  @Test
  void nullIntoAPrimitiveParameterIsAnErrorThatSaysWhatToChange() throws Exception {
    open("dev.udfshim.fixtures.Exec$Primitive");

    assertThat(decodeScalar(call(21L))).isEqualTo(42L);
    assertThatThrownBy(() -> handler.handleRequest(new byte[] {1}, context))
        .hasMessage(
            "The argument 1 (x BIGINT NOT NULL) is null, but eval takes a primitive long there; declare"
                + " the parameter with its boxed class to accept nulls.");
  }

  @Test
  void malformedPayloadsAreErrorsAndTheHandlerGoesOn() throws Exception {
    open("dev.udfshim.fixtures.Exec$Fails");

    assertThatThrownBy(() -> handler.handleRequest(new byte[] {0, 1, 2}, context))
        .hasMessage(
            "This server runs dev.udfshim.fixtures.Exec$Fails (x BIGINT) -> BIGINT, which the"
                + " payload of 3 byte(s) (000102) does not fit: cannot decode argument 1 (x"
                + " BIGINT): the payload ends after 3 bytes, in the middle of an 8-byte value"
                + " (needs 8, 2 left); a call for another signature or server?");
    assertThatThrownBy(() -> handler.handleRequest(new byte[] {1, 1}, context))
        .hasMessage(
            "This server runs dev.udfshim.fixtures.Exec$Fails (x BIGINT) -> BIGINT, which the"
                + " payload of 2 byte(s) (0101) does not fit: the payload has 1 bytes left after"
                + " the last of its 1 arguments; a call for another signature or server?");
    assertThat(decodeScalar(call(7L))).isEqualTo(7L);
  }

  @Test
  void jobParametersAnswerFromTheConfigVars() throws Exception {
    Files.writeString(configDir.resolve("greeting"), "hi there\n");
    open("dev.udfshim.fixtures.Exec$Greeting");
    assertThat(decodeScalar(call())).isEqualTo("hi there");
  }

  @Test
  void jobParametersThatAreNotSetAnswerTheirDefault() throws Exception {
    open("dev.udfshim.fixtures.Exec$Greeting");
    assertThat(decodeScalar(call())).isEqualTo("hello");
  }

  @Test
  void instancesAreOpenedPerParallelismAndClosed() throws Exception {
    Files.writeString(configDir.resolve(ExecutionOptions.PARALLELISM.key()), "3");
    int opened = Exec.Lifecycle.OPENED.get();
    int closed = Exec.Lifecycle.CLOSED.get();

    open("dev.udfshim.fixtures.Exec$Lifecycle");
    // The first serves at once; the others are built in the background.
    long until = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
    while (Exec.Lifecycle.OPENED.get() - opened < 3 && System.nanoTime() < until) {
      Thread.sleep(10);
    }
    assertThat(Exec.Lifecycle.OPENED.get() - opened).isEqualTo(3);
    handler.close(context);
    assertThat(Exec.Lifecycle.CLOSED.get() - closed).isEqualTo(3);
  }

  @Test
  void callThatWaitsLongerThanTheTimeoutForABusyInstanceIsAnswered() throws Exception {
    Files.writeString(configDir.resolve(ExecutionOptions.WAIT_TIMEOUT.key()), "200 ms");
    open("dev.udfshim.fixtures.Exec$Sleeps");

    CompletableFuture<byte[]> slow =
        CompletableFuture.supplyAsync(
            () -> {
              try {
                return call(1500L);
              } catch (HandlerException e) {
                throw new IllegalStateException(e);
              }
            });
    Thread.sleep(300);
    assertThatThrownBy(() -> call(1L))
        .hasMessage(
            "All 1 instance(s) of 'dev.udfshim.fixtures.Exec$Sleeps' stayed busy for the 200 ms a"
                + " call may wait (confluent.remote-udf.adapter.handler.wait.timeout); raise"
                + " confluent.remote-udf.adapter.parallelism or make eval return faster.");
    assertThat(decodeScalar(slow.get(10, TimeUnit.SECONDS))).isEqualTo(1500L);
  }

  @Test
  void openFailuresSayWhatIsWrong() throws Exception {
    context = new ConfigDirContext(configDir);
    assertThatThrownBy(() -> handler.open(context))
        .hasMessage(
            "Config var spec_base64 is not set; write the output of `gen-spec` into the file"
                + " spec_base64 of the config override dir.");

    Files.writeString(
        configDir.resolve("spec_base64"),
        SpecCodec.toBase64(
            new UdfExtractor(getClass().getClassLoader())
                .inspect("dev.udfshim.fixtures.Overloaded")
                .signatures()
                .get(0)
                .spec("p", "tests.udf_fixtures.add_one")));
    assertThatThrownBy(() -> handler.open(context))
        .hasMessage(
            "spec_base64 asks 'tests.udf_fixtures.add_one' for (value DOUBLE) -> DOUBLE, but its"
                + " signatures are (i BIGINT, j BIGINT) -> BIGINT; regenerate the spec with"
                + " `gen-spec` for one of these.");

    Files.writeString(
        configDir.resolve("spec_base64"),
        SpecCodec.toBase64(
            new UdfSpec(
                "p",
                "com.example.Missing",
                List.of(),
                List.of(),
                new org.apache.flink.table.types.logical.IntType(),
                Map.of())));
    assertThatThrownBy(() -> handler.open(context))
        .hasMessage(
            "The UDF named by spec_base64 cannot run (USER_CODE_NOT_FOUND): Class"
                + " 'com.example.Missing' was not found in the UDF artifact; check the fully"
                + " qualified name and that the jar holds the class.");

    Files.writeString(configDir.resolve(ExecutionOptions.PARALLELISM.key()), "many");
    Files.writeString(
        configDir.resolve("spec_base64"),
        SpecCodec.toBase64(
            new UdfExtractor(getClass().getClassLoader())
                .inspect("dev.udfshim.fixtures.Exec$OpenFails")
                .signatures()
                .get(0)
                .spec("p", "dev.udfshim.fixtures.Exec$OpenFails")));
    assertThatThrownBy(() -> handler.open(context))
        .hasMessage(
            "Config var confluent.remote-udf.adapter.parallelism must be a whole number from 1 to"
                + " 1024, not 'many'; correct or remove it.");
    Files.delete(configDir.resolve(ExecutionOptions.PARALLELISM.key()));
    assertThatThrownBy(() -> handler.open(context))
        .hasMessage(
            "open() of 'dev.udfshim.fixtures.Exec$OpenFails' threw java.lang.IllegalStateException:"
                + " model file /models/m.bin is missing; fix open() or the resources it needs.");
  }
}
