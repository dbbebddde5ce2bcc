package dev.udfshim.runtime.fuzz;

import static org.assertj.core.api.Assertions.assertThat;

import dev.udfshim.protocol.codec.CodecException;
import dev.udfshim.protocol.codec.ValueCodec;
import dev.udfshim.protocol.codec.WireReader;
import dev.udfshim.protocol.codec.WireWriter;
import dev.udfshim.protocol.spec.SpecCodec;
import dev.udfshim.runtime.execution.ExecutionHandler;
import dev.udfshim.runtime.extraction.ExtractionHandler;
import dev.udfshim.runtime.extraction.UdfExtractor;
import dev.udfshim.runtime.extraction.UdfSignature;
import dev.udfshim.runtime.handler.Context;
import dev.udfshim.runtime.handler.HandlerException;
import io.confluent.flink.udf.extractor.v1.ExtractionRequest;
import io.confluent.flink.udf.extractor.v1.ExtractionResponse;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.lifecycle.AfterContainer;
import net.jqwik.api.lifecycle.BeforeContainer;
import org.apache.flink.table.types.logical.LogicalType;
import org.apache.flink.table.types.logical.utils.LogicalTypeParser;

/**
 * Property-based fuzzing with jqwik: arbitrary, truncated and bit-flipped bytes through the value
 * codec of every type, and through both handlers. Every input is either answered or refused with
 * the handler's own exception; nothing else escapes, and the handlers go on serving.
 */
class FuzzTest {
  private static final List<String> TYPES =
      List.of(
          "BOOLEAN",
          "TINYINT",
          "SMALLINT",
          "INT",
          "BIGINT",
          "FLOAT",
          "DOUBLE",
          "DECIMAL(10, 2)",
          "DECIMAL(30, 5)",
          "CHAR(3)",
          "VARCHAR(2147483647)",
          "BINARY(4)",
          "VARBINARY(2147483647)",
          "DATE",
          "TIME(3)",
          "TIMESTAMP(3)",
          "TIMESTAMP(9)",
          "TIMESTAMP_LTZ(6)",
          "ARRAY<INT>",
          "ARRAY<VARCHAR(2147483647)>",
          "MAP<VARCHAR(2147483647), BIGINT>",
          "MULTISET<VARCHAR(2147483647)>",
          "ROW<`a` INT, `b` VARCHAR(2147483647), `c` ARRAY<BIGINT>, `d` DECIMAL(20, 2)>");

  private static final Map<String, ExecutionHandler> EXECUTION = new HashMap<>();
  private static final ExtractionHandler EXTRACTION = new ExtractionHandler();
  private static final Context NO_CONFIG = key -> Optional.empty();
  private static final AtomicLong ANSWERED = new AtomicLong();
  private static final AtomicLong REFUSED = new AtomicLong();

  @BeforeContainer
  static void open() throws Exception {
    EXECUTION.put("one-row", execution("tests.udf_fixtures.add_one", false));
    EXECUTION.put("batch", execution("tests.udf_fixtures.add_one", true));
    EXECUTION.put("nested", execution("dev.udfshim.fixtures.Exec$Collections", false));
    EXTRACTION.open(NO_CONFIG);
  }

  private static ExecutionHandler execution(String className, boolean batch) throws Exception {
    UdfSignature signature =
        new UdfExtractor(FuzzTest.class.getClassLoader())
            .inspect(className)
            .signatures()
            .get(className.endsWith("Collections") ? 2 : 0);
    Map<String, String> vars =
        Map.of(
            "spec_base64",
            SpecCodec.toBase64(signature.spec("p", className)),
            "shim.execution.batch",
            String.valueOf(batch));
    ExecutionHandler handler = new ExecutionHandler();
    handler.open(key -> Optional.ofNullable(vars.get(key)));
    return handler;
  }

  @AfterContainer
  static void close() {
    System.out.printf(
        "Fuzzed the execution handler: %d answered, %d refused with a sentence%n",
        ANSWERED.get(), REFUSED.get());
    EXECUTION.values().forEach(handler -> handler.close(NO_CONFIG));
    EXTRACTION.close(NO_CONFIG);
  }

  @Provide
  Arbitrary<LogicalType> types() {
    return Arbitraries.of(TYPES)
        .map(t -> LogicalTypeParser.parse(t, FuzzTest.class.getClassLoader()));
  }

  /** Bytes: arbitrary ones, and valid encodings with bits flipped or cut short. */
  @Provide
  Arbitrary<byte[]> payloads() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(200);
    Arbitrary<byte[]> addOne =
        Arbitraries.of(
            new byte[] {0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2},
            new byte[] {0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2});
    Arbitrary<byte[]> mutated =
        Combinators.combine(addOne, Arbitraries.integers().between(0, 175), Arbitraries.integers())
            .as(FuzzTest::mutate);
    return Arbitraries.oneOf(random, mutated);
  }

  /** Flips one bit, or (for the upper range) truncates. */
  private static byte[] mutate(byte[] valid, int where, int how) {
    byte[] copy = valid.clone();
    int bit = where % (copy.length * 8);
    if (where < 150) {
      copy[bit / 8] ^= (byte) (1 << (bit % 8));
      return copy;
    }
    return java.util.Arrays.copyOf(copy, Math.floorMod(how, copy.length));
  }

  @Property(tries = 4000)
  void theCodecDecodesArbitraryBytesOrRefusesThemAndWhatItDecodesReencodes(
      @ForAll("types") LogicalType type, @ForAll("payloads") byte[] bytes) throws Exception {
    ValueCodec codec = ValueCodec.forType(type);
    Object value;
    try {
      value = codec.read(new WireReader(bytes));
    } catch (CodecException refused) {
      return;
    }
    WireWriter out = new WireWriter();
    codec.write(value, out);
    Object again = codec.read(new WireReader(out.toByteArray()));
    WireWriter twice = new WireWriter();
    codec.write(again, twice);
    assertThat(twice.toByteArray()).isEqualTo(out.toByteArray());
  }

  @Property(tries = 3000)
  void theExecutionHandlerAnswersOrRefusesEveryPayload(
      @ForAll("payloads") byte[] payload, @ForAll("handlers") String which) throws Exception {
    try {
      assertThat(EXECUTION.get(which).handleRequest(payload, NO_CONFIG)).isNotNull();
      ANSWERED.incrementAndGet();
    } catch (HandlerException refused) {
      assertThat(refused.getMessage()).isNotBlank();
      REFUSED.incrementAndGet();
    }
    stillServes();
  }

  @Provide
  Arbitrary<String> handlers() {
    return Arbitraries.of("one-row", "batch", "nested");
  }

  @Property(tries = 2000)
  void theExtractionHandlerAnswersEveryPayloadWithAResponse(@ForAll("requests") byte[] payload)
      throws Exception {
    ExtractionResponse response =
        ExtractionResponse.parseFrom(EXTRACTION.handleRequest(payload, NO_CONFIG));
    assertThat(response.hasError() || response.getSignaturesCount() > 0).isTrue();
    stillServes();
  }

  /** Arbitrary bytes, and requests naming arbitrary or almost-right classes. */
  @Provide
  Arbitrary<byte[]> requests() {
    Arbitrary<byte[]> random = Arbitraries.bytes().array(byte[].class).ofMaxSize(100);
    Arbitrary<byte[]> named =
        Arbitraries.oneOf(
                Arbitraries.strings().ofMaxLength(60),
                Arbitraries.of(
                    "tests.udf_fixtures.add_one",
                    " tests.udf_fixtures.add_one\t",
                    "dev.udfshim.fixtures.Exec$Collections",
                    "java.lang.String",
                    "dev.udfshim.fixtures.Broken$ThrowsInConstructor"))
            .map(name -> ExtractionRequest.newBuilder().setClassName(name).build().toByteArray());
    return Arbitraries.oneOf(random, named);
  }

  private static final byte[] ADD_ONE = {0, 0, 0, 0, 0, 0, 0, 0, 1, 0, 0, 0, 0, 0, 0, 0, 0, 2};
  private static final AtomicLong CHECKS = new AtomicLong();

  /** The handlers still answer a good call correctly, checked every 50 bad ones. */
  private static void stillServes() throws Exception {
    if (CHECKS.incrementAndGet() % 50 != 0) {
      return;
    }
    assertThat(EXECUTION.get("one-row").handleRequest(ADD_ONE, NO_CONFIG))
        .containsExactly(0, 0, 0, 0, 0, 0, 0, 0, 3);
    byte[] request =
        ExtractionRequest.newBuilder()
            .setClassName("tests.udf_fixtures.add_one")
            .build()
            .toByteArray();
    assertThat(
            ExtractionResponse.parseFrom(EXTRACTION.handleRequest(request, NO_CONFIG))
                .getSignaturesCount())
        .isOne();
  }
}
