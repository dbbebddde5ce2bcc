package dev.udfshim.test;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.udfshim.fixtures.Broken;
import dev.udfshim.fixtures.Exec;
import dev.udfshim.fixtures.Findings;
import dev.udfshim.fixtures.Greeting;
import dev.udfshim.fixtures.Overloaded;
import dev.udfshim.fixtures.PrimitiveAdd;
import dev.udfshim.fixtures.RandomNumber;
import dev.udfshim.fixtures.SplitWords;
import dev.udfshim.fixtures.WordLengths;
import dev.udfshim.protocol.codec.ValueCodec;
import dev.udfshim.protocol.codec.WireReader;
import dev.udfshim.protocol.framing.ArgumentsCodec;
import io.grpc.ManagedChannel;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.math.BigDecimal;
import java.net.ConnectException;
import java.net.Socket;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.LocalTime;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.flink.table.types.logical.BigIntType;
import org.apache.flink.table.types.logical.IntType;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import secure.compute.function.runtime.v2.FunctionRuntimeGrpc;
import secure.compute.function.runtime.v2.InvokeRequest;

/** Every test runs in the handler of this JVM and again over real gRPC on 127.0.0.1. */
class UdfTesterTest {

  private static UdfTester tester(Class<?> udf, boolean grpc) {
    UdfTester tester = UdfTester.of(udf);
    return grpc ? tester.overGrpc() : tester;
  }

  @ParameterizedTest(name = "grpc={0}")
  @ValueSource(booleans = {false, true})
  void anOptionalArgumentMayBeLeftOut(boolean grpc) {
    try (UdfTester greeting = tester(Greeting.class, grpc)) {
      assertThat(greeting.call("Ada")).isEqualTo("Hello, Ada!");
      assertThat(greeting.call("Ada", "Hi")).isEqualTo("Hi, Ada!");
      assertThat(greeting.signatures().get(0).toString())
          .isEqualTo(
              "(name VARCHAR(2147483647), [greeting VARCHAR(2147483647)]) -> VARCHAR(2147483647)");
      assertThat(greeting.signatures().get(0).argumentOptional()).containsExactly(false, true);
    }
  }

  @ParameterizedTest(name = "grpc={0}")
  @ValueSource(booleans = {false, true})
  void transientStateTheConstructorSetsFailsAsInFlinkWithOneSentence(boolean grpc) {
    try (UdfTester formatter = tester(Findings.TransientFormatter.class, grpc)) {
      assertThatThrownBy(() -> formatter.call(0))
          .isInstanceOf(UdfCallException.class)
          .hasMessageStartingWith(
              Findings.TransientFormatter.class.getName()
                  + ".eval threw java.lang.NullPointerException")
          .hasMessageContaining(
              "(its transient field format, set by the constructor, is null after the Java"
                  + " serialization round trip that Flink ships functions with: create it in"
                  + " open(), or test without the trip: UdfTester's withoutSerialization())");
    }
    try (UdfTester formatter =
        tester(Findings.TransientFormatter.class, grpc).withoutSerialization()) {
      assertThat(formatter.call(0)).isEqualTo("1970-01-01");
    }
  }

  @ParameterizedTest(name = "grpc={0}")
  @ValueSource(booleans = {false, true})
  void scalarCallsRunThroughTheCodecAndBack(boolean grpc) {
    try (UdfTester add = tester(PrimitiveAdd.class, grpc)) {
      assertThat(add.call(40L, 2)).isEqualTo(42L);
      assertThat(add.signatures())
          .extracting(UdfTester.Signature::toString)
          .containsExactly("(a BIGINT NOT NULL, b INT NOT NULL) -> BIGINT NOT NULL");
      assertThat(add.kind()).isEqualTo("SCALAR");
      assertThat(add.isDeterministic()).isTrue();
    }
  }

  @ParameterizedTest(name = "grpc={0}")
  @ValueSource(booleans = {false, true})
  void theSignatureIsChosenByArityAndTypesOrByIndex(boolean grpc) {
    try (UdfTester overloaded = tester(Overloaded.class, grpc)) {
      assertThat(overloaded.signatures())
          .extracting(UdfTester.Signature::toString)
          .containsExactly(
              "(value DOUBLE) -> DOUBLE",
              "(value INT) -> INT",
              "(text VARCHAR(2147483647), times INT) -> VARCHAR(2147483647)");
      assertThat(overloaded.call("ab", 3)).isEqualTo("ababab");
      assertThat(overloaded.call(5)).isEqualTo(5);
      assertThat(overloaded.call(2.5)).isEqualTo(2.5);
      assertThat(overloaded.signature(1).call((Object) null)).isNull();
      assertThatThrownBy(() -> overloaded.call((Object) null))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage(
              "More than one signature of dev.udfshim.fixtures.Overloaded fits the arguments"
                  + " (null); pass values of the argument types' classes (e.g. 1L for BIGINT) or"
                  + " choose one with signature(n) from 3 signature(s): [0] (value DOUBLE) ->"
                  + " DOUBLE [1] (value INT) -> INT [2] (text VARCHAR(2147483647), times INT) ->"
                  + " VARCHAR(2147483647)");
      assertThatThrownBy(() -> overloaded.call(5L))
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith(
              "No signature of dev.udfshim.fixtures.Overloaded fits the arguments (Long);");
      assertThatThrownBy(() -> overloaded.signature(3))
          .hasMessageStartingWith(
              "Signature 3 does not exist; dev.udfshim.fixtures.Overloaded has 3 signature(s):");
    }
  }

  @ParameterizedTest(name = "grpc={0}")
  @ValueSource(booleans = {false, true})
  void compositeAndTemporalValuesCrossTheWire(boolean grpc) {
    try (UdfTester collections = tester(Exec.Collections.class, grpc);
        UdfTester temporal = tester(Exec.Temporal.class, grpc)) {
      assertThat(collections.call((Object) new Long[] {1L, null, 3L})).isEqualTo(4L);
      assertThat(collections.call(Map.of("b", 1, "a", 2))).isEqualTo(new String[] {"a", "b"});
      assertThat(collections.call("x", new BigDecimal("1.50"), List.of("t")))
          .isEqualTo(Row.of("x", new BigDecimal("1.50"), new String[] {"t"}));
      assertThat(
              temporal.call(
                  LocalDate.of(2024, 12, 31),
                  LocalTime.of(23, 59, 59, 123_000_000),
                  Instant.ofEpochSecond(0, 456)))
          .isEqualTo(LocalDateTime.of(2024, 12, 31, 23, 59, 59, 123_000_456));
    }
  }

  @ParameterizedTest(name = "grpc={0}")
  @ValueSource(booleans = {false, true})
  void tableFunctionsAnswerTheirRows(boolean grpc) {
    try (UdfTester words = tester(SplitWords.class, grpc);
        UdfTester lengths = tester(WordLengths.class, grpc)) {
      assertThat(words.callTable("to be")).containsExactly("to", "be");
      assertThat(words.callTable((Object) null)).isEmpty();
      assertThat(lengths.callTable("a bc")).containsExactly(Row.of("a", 1), Row.of("bc", 2));
      assertThat(words.kind()).isEqualTo("TABLE");
      assertThatThrownBy(() -> words.call("x"))
          .hasMessage(
              "dev.udfshim.fixtures.SplitWords is a TableFunction; call it with callTable(...).");
      assertThatThrownBy(() -> UdfTester.of(PrimitiveAdd.class).callTable(1L, 2))
          .hasMessage(
              "dev.udfshim.fixtures.PrimitiveAdd is a ScalarFunction; call it with call(...).");
    }
  }

  @ParameterizedTest(name = "grpc={0}")
  @ValueSource(booleans = {false, true})
  void errorAnswersAreThePlatformsText(boolean grpc) {
    try (UdfTester fails = tester(Exec.Fails.class, grpc);
        UdfTester primitive = tester(Exec.Primitive.class, grpc);
        UdfTester openFails = tester(Exec.OpenFails.class, grpc)) {
      assertThatThrownBy(() -> fails.call(-1L))
          .isInstanceOf(UdfCallException.class)
          .hasMessage(
              "dev.udfshim.fixtures.Exec$Fails.eval threw java.lang.IllegalArgumentException:"
                  + " negative input -1 Caused by: java.lang.ArithmeticException: cannot take the"
                  + " root");
      assertThat(fails.call(5L)).isEqualTo(5L);
      assertThatThrownBy(() -> primitive.call((Object) null))
          .isInstanceOf(UdfCallException.class)
          .hasMessage(
              "The argument 1 (x BIGINT NOT NULL) is null, but eval takes a primitive long there;"
                  + " declare the parameter with its boxed class to accept nulls.");
      assertThatThrownBy(() -> openFails.call(1L))
          .isInstanceOf(UdfCallException.class)
          .hasMessage(
              "The handler could not start: open() of 'dev.udfshim.fixtures.Exec$OpenFails' threw"
                  + " java.lang.IllegalStateException: model file /models/m.bin is missing; fix"
                  + " open() or the resources it needs.");
    }
  }

  @Test
  void aValueOfAClassFlinkDoesNotConvertIsNamedWithTheClassToPass() {
    assertThatThrownBy(() -> UdfTester.of(PrimitiveAdd.class).call(1, 2))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Argument 1 (BIGINT NOT NULL) is a java.lang.Integer, which Flink does not convert to"
                + " that type; pass a java.lang.Long.");
  }

  @ParameterizedTest(name = "grpc={0}")
  @ValueSource(booleans = {false, true})
  void openAndCloseRunAndJobParametersReachTheUdf(boolean grpc) {
    int opened = Exec.Lifecycle.OPENED.get();
    int closed = Exec.Lifecycle.CLOSED.get();
    UdfTester lifecycle = tester(Exec.Lifecycle.class, grpc);
    assertThat(lifecycle.call()).isEqualTo(opened + 1);
    assertThat(lifecycle.call()).isEqualTo(opened + 1);
    assertThat(Exec.Lifecycle.CLOSED.get()).isEqualTo(closed);
    lifecycle.close();
    assertThat(Exec.Lifecycle.OPENED.get()).isEqualTo(opened + 1);
    assertThat(Exec.Lifecycle.CLOSED.get()).isEqualTo(closed + 1);

    try (UdfTester greeting = tester(Exec.Greeting.class, grpc);
        UdfTester hi = greeting.withJobParameter("greeting", "hi")) {
      assertThat(greeting.call()).isEqualTo("hello");
      assertThat(hi.call()).isEqualTo("hi");
    }
    assertThatThrownBy(() -> UdfTester.of(Exec.Greeting.class).withJobParameter("spec_base64", ""))
        .hasMessage(
            "spec_base64 is the UDF spec, which the tester writes itself; choose another job"
                + " parameter name.");
  }

  @Test
  void handlerSettingsAreConfigVarsToo() {
    try (UdfTester many =
        UdfTester.of(Exec.Lifecycle.class)
            .withJobParameters(Map.of("confluent.remote-udf.adapter.parallelism", "many"))) {
      assertThatThrownBy(many::call)
          .isInstanceOf(UdfCallException.class)
          .hasMessage(
              "The handler could not start: Config var confluent.remote-udf.adapter.parallelism"
                  + " must be a whole number from 1 to 1024, not 'many'; correct or remove it.");
    }
  }

  @Test
  void overGrpcARealServerOnLoopbackAnswersAnyClientUntilClosed() throws Exception {
    UdfTester remote = UdfTester.of(PrimitiveAdd.class).overGrpc();
    assertThat(remote.call(40L, 2)).isEqualTo(42L);
    assertThat(remote.ports()).hasSize(1);
    int port = remote.ports().get(0);
    // Another client, on its own channel, gets the same answer from that server.
    byte[] payload =
        new ArgumentsCodec(List.of("a", "b"), List.of(new BigIntType(false), new IntType(false)))
            .encode(new Object[] {40L, 2});
    ManagedChannel channel =
        NettyChannelBuilder.forAddress("127.0.0.1", port).usePlaintext().build();
    try {
      byte[] answer =
          FunctionRuntimeGrpc.newBlockingStub(channel)
              .invoke(InvokeRequest.newBuilder().setPayload(ByteString.copyFrom(payload)).build())
              .getPayload()
              .toByteArray();
      assertThat(ValueCodec.forType(new BigIntType(false)).read(new WireReader(answer)))
          .isEqualTo(42L);
    } finally {
      channel.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
    }
    remote.close();
    assertThatThrownBy(() -> new Socket("127.0.0.1", port).close())
        .isInstanceOf(ConnectException.class);
    try (UdfTester local = UdfTester.of(PrimitiveAdd.class)) {
      assertThat(local.call(40L, 2)).isEqualTo(42L);
      assertThat(local.ports()).isEmpty();
    }
  }

  @Test
  void determinismIsWhatExtractionReports() {
    assertThat(UdfTester.of(RandomNumber.class).isDeterministic()).isFalse();
  }

  @Test
  void anUnsupportedUdfFailsWithTheBuildsCodeAndReason() {
    assertThatThrownBy(() -> UdfTester.of(Broken.NeedsArgument.class))
        .isInstanceOfSatisfying(
            UdfExtractionException.class,
            e -> {
              assertThat(e.code()).isEqualTo("NO_PUBLIC_NO_ARG_CONSTRUCTOR");
              assertThat(e.className()).isEqualTo("dev.udfshim.fixtures.Broken$NeedsArgument");
            })
        .hasMessage(
            "dev.udfshim.fixtures.Broken$NeedsArgument: NO_PUBLIC_NO_ARG_CONSTRUCTOR: Class"
                + " 'dev.udfshim.fixtures.Broken$NeedsArgument' has no public no-argument"
                + " constructor; add one, since the platform creates the function through it.");
    assertThatThrownBy(() -> UdfTester.of(Broken.TakesObject.class))
        .isInstanceOfSatisfying(
            UdfExtractionException.class,
            e -> assertThat(e.code()).isEqualTo("TYPE_EXTRACTION_ERROR"));
    assertThatThrownBy(() -> UdfTester.of(String.class))
        .hasMessage(
            "java.lang.String: NOT_SCALAR_FUNCTION: Class 'java.lang.String' is not a Flink UDF;"
                + " extend org.apache.flink.table.functions.ScalarFunction or TableFunction.");
  }
}
