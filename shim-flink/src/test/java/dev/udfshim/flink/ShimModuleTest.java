package dev.udfshim.flink;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.udfshim.flink.function.AsyncScalarDefect;
import dev.udfshim.flink.function.ShimFunctionDefinition;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.Map;
import org.apache.flink.configuration.Configuration;
import org.apache.flink.table.api.ValidationException;
import org.apache.flink.table.factories.FactoryUtil;
import org.apache.flink.table.functions.FunctionDefinition;
import org.apache.flink.table.functions.FunctionKind;
import org.apache.flink.table.module.Module;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The shim module from its options, as {@code LOAD MODULE shim WITH (...)} creates it (the factory
 * found by SPI): names, endpoints, modes, and one sentence for each bad option.
 */
class ShimModuleTest {
  private static final String JSON =
      """
      {"shimVersion": "0.1.0", "functions": [
        {"className": "com.example.udfs.AddOne", "kind": "SCALAR", "deterministic": true,
         "signatures": [{"index": 0, "argumentNames": ["i", "j"],
                         "argumentTypes": ["BIGINT", "BIGINT"], "returnType": "BIGINT"}]},
        {"className": "com.example.udfs.HexUpper", "kind": "SCALAR", "deterministic": true,
         "signatures": [
           {"index": 0, "argumentNames": ["text"], "argumentTypes": ["VARCHAR(2147483647)"],
            "returnType": "VARCHAR(2147483647)"},
           {"index": 1, "argumentNames": ["text", "repeat"],
            "argumentTypes": ["VARCHAR(2147483647)", "INT"], "returnType": "VARCHAR(2147483647)"}]},
        {"className": "com.example.udfs.SplitWords", "kind": "TABLE", "deterministic": false,
         "signatures": [{"index": 0, "argumentNames": ["text"],
                         "argumentTypes": ["VARCHAR(2147483647)"],
                         "returnType": "ROW<`word` VARCHAR(2147483647), `length` INT>"}]},
        {"className": "com.other.AddOne", "kind": "SCALAR", "deterministic": true,
         "signatures": [{"index": 0, "argumentNames": ["x"],
                         "argumentTypes": ["INT"], "returnType": "INT"}]}
      ]}
      """;

  @TempDir Path dir;
  private Path signatures;

  @BeforeEach
  void write() throws Exception {
    signatures = Files.writeString(dir.resolve("signatures.json"), JSON);
  }

  private Map<String, String> options(String endpoints) {
    Map<String, String> options = new HashMap<>();
    options.put("signatures", signatures.toString());
    options.put("endpoints", endpoints);
    return options;
  }

  private static Module load(Map<String, String> options) {
    return FactoryUtil.createModule(
        "shim", options, new Configuration(), ShimModuleTest.class.getClassLoader());
  }

  @Test
  void loadModuleFindsTheFactoryAndNamesFunctionsAfterTheirClass() {
    Module module =
        load(
            options(
                "com.example.udfs.AddOne=localhost:50051;"
                    + " com.example.udfs.HexUpper/1=localhost:50053;"
                    + " com.example.udfs.SplitWords/0=localhost:50054"));
    assertThat(module).isInstanceOf(ShimModule.class);
    assertThat(module.listFunctions()).containsExactly("AddOne", "HexUpper", "SplitWords");
    FunctionDefinition addOne = module.getFunctionDefinition("addone").orElseThrow();
    assertThat(addOne.getKind()).isEqualTo(FunctionKind.SCALAR);
    assertThat(addOne.isDeterministic()).isTrue();
    assertThat(addOne.supportsConstantFolding()).isFalse();
    FunctionDefinition split = module.getFunctionDefinition("SplitWords").orElseThrow();
    assertThat(split.getKind()).isEqualTo(FunctionKind.TABLE);
    assertThat(split.isDeterministic()).isFalse();
    assertThat(module.getFunctionDefinition("Nope")).isEmpty();
  }

  @Test
  void asyncUnsafeNullsMakesScalarFunctionsAsyncAndNamesCanBeChosen() {
    Map<String, String> options = options("com.example.udfs.AddOne/0=localhost:1");
    options.put("scalar.mode", "async_unsafe_nulls");
    options.put("function-names", "com.example.udfs.AddOne=add_one");
    Module module = load(options);
    assertThat(module.listFunctions()).containsExactly("add_one");
    assertThat(module.getFunctionDefinition("ADD_ONE").orElseThrow().getKind())
        .isEqualTo(FunctionKind.ASYNC_SCALAR);
  }

  @Test
  void asyncIsRefusedWithTheSentenceOnAFlinkThatLosesNulls() {
    String version = AsyncScalarDefect.flinkVersion();
    Map<String, String> options = options("com.example.udfs.AddOne/0=localhost:1");
    options.put("scalar.mode", "ASYNC");
    if (AsyncScalarDefect.affects(version)) {
      assertThatThrownBy(() -> load(options))
          .satisfies(e -> assertThat(rootMessage(e)).isEqualTo(AsyncScalarDefect.refusal(version)));
      assertThat(AsyncScalarDefect.refusal(version))
          .startsWith("'scalar.mode' = 'ASYNC' is refused on Flink " + version + ": ")
          .contains("AsyncCodeGenerator")
          .contains("'SYNC'")
          .contains("ShimTables")
          .contains("'ASYNC_UNSAFE_NULLS'");
    } else {
      assertThat(load(options).getFunctionDefinition("AddOne").orElseThrow().getKind())
          .isEqualTo(FunctionKind.ASYNC_SCALAR);
    }
  }

  @Test
  void theTableApiBuilderMakesTheSameModule() {
    ShimModule module =
        ShimFunctions.builder()
            .signatures(signatures)
            .endpoint("com.example.udfs.HexUpper", 0, "localhost:50052")
            .name("com.example.udfs.HexUpper", "hex")
            .option(ShimOptions.SCALAR_MODE, ShimOptions.ScalarMode.ASYNC_UNSAFE_NULLS)
            .build();
    assertThat(module.listFunctions()).containsExactly("hex");
    assertThat(
            ((ShimFunctionDefinition) module.getFunctionDefinition("hex").orElseThrow())
                .udf()
                .className())
        .isEqualTo("com.example.udfs.HexUpper");
  }

  @Test
  void unknownOptionsAreRefusedByFlink() {
    Map<String, String> options = options("com.example.udfs.AddOne=localhost:1");
    options.put("batch.sise", "10");
    assertThatThrownBy(() -> load(options))
        .isInstanceOf(ValidationException.class)
        .satisfies(
            e ->
                assertThat(rootMessage(e))
                    .contains("Unsupported options found for 'shim'")
                    .contains("batch.sise"));
  }

  @Test
  void badEndpointsAreRefusedWithASentence() {
    assertBad(
        options("com.example.udfs.AddOne"),
        "'endpoints' entry 'com.example.udfs.AddOne' is not <class>/<n>=<host>:<port>; write e.g."
            + " com.example.udfs.AddOne/0=localhost:50051.");
    assertBad(
        options("com.example.Nope=localhost:1"),
        "'endpoints' names com.example.Nope, which the signatures do not list; they list"
            + " com.example.udfs.AddOne, com.example.udfs.HexUpper, com.example.udfs.SplitWords,"
            + " com.other.AddOne.");
    assertBad(
        options("com.example.udfs.HexUpper=localhost:1"),
        "'endpoints' entry 'com.example.udfs.HexUpper=localhost:1' needs a signature:"
            + " com.example.udfs.HexUpper has 2 (0: (STRING) -> STRING; 1: (STRING, INT) ->"
            + " STRING), each served by its own server; write com.example.udfs.HexUpper/<n>="
            + "<host>:<port>.");
    assertBad(
        options("com.example.udfs.HexUpper/2=localhost:1"),
        "'endpoints' entry 'com.example.udfs.HexUpper/2=localhost:1' names signature 2 of"
            + " com.example.udfs.HexUpper, which has signatures 0 to 1 (0: (STRING) -> STRING; 1:"
            + " (STRING, INT) -> STRING).");
    assertBad(
        options("com.example.udfs.AddOne=localhost:99999"),
        "'endpoints' entry 'com.example.udfs.AddOne=localhost:99999': 'localhost:99999' has port"
            + " 99999; use 1 to 65535.");
    assertBad(
        options("com.example.udfs.AddOne/0=a:1;com.example.udfs.AddOne=b:2"),
        "'endpoints' binds com.example.udfs.AddOne/0 twice; keep one entry.");
    assertBad(
        options(" ; "),
        "The shim module needs 'endpoints': where each signature is served, e.g."
            + " com.example.udfs.AddOne/0=localhost:50051.");
  }

  @Test
  void namesThatCollideAreRefusedWithASentence() {
    assertBad(
        options("com.example.udfs.AddOne=a:1;com.other.AddOne=b:2"),
        "Two functions would be named AddOne (com.example.udfs.AddOne and com.other.AddOne);"
            + " name one differently, e.g. 'function-names' = 'com.other.AddOne=my_addone'.");
    Map<String, String> options = options("com.example.udfs.AddOne=a:1");
    options.put("function-names", "com.example.udfs.AddOne");
    assertBad(
        options,
        "'function-names' entry 'com.example.udfs.AddOne' is not <class>=<name>; write e.g."
            + " com.example.udfs.AddOne=add_one.");
  }

  @Test
  void badNumbersAndDurationsAreRefusedWithASentence() {
    assertBadOption("batch.size", "0", "'batch.size' is 0; use 1 or more.");
    assertBadOption("async.max-in-flight", "-1", "'async.max-in-flight' is -1; use 1 or more.");
    assertBadOption(
        "retry.max-attempts", "11", "'retry.max-attempts' is 11; use 1 (no retry) to 10.");
    assertBadOption("call.timeout", "0 s", "'call.timeout' is 0 ms; use a positive duration.");
    assertBadOption(
        "retry.initial-backoff",
        "10 s",
        "'retry.initial-backoff' (10000 ms) is longer than 'retry.max-backoff' (5000 ms); make it"
            + " at most as long.");
  }

  @Test
  void aMissingSignaturesFileIsNamed() {
    Map<String, String> options = options("com.example.udfs.AddOne=a:1");
    options.put("signatures", dir.resolve("gone.json").toString());
    assertBad(
        options,
        "The signatures file "
            + dir.resolve("gone.json")
            + " does not exist; point 'signatures' at the target/shim/signatures.json that `mvn"
            + " package` wrote, or at the shim zip.");
  }

  private void assertBadOption(String key, String value, String message) {
    Map<String, String> options = options("com.example.udfs.AddOne=a:1");
    options.put(key, value);
    assertBad(options, message);
  }

  private static void assertBad(Map<String, String> options, String message) {
    assertThatThrownBy(() -> load(options))
        .isInstanceOf(ValidationException.class)
        .satisfies(e -> assertThat(rootMessage(e)).isEqualTo(message));
  }

  /** Flink wraps factory failures ("Could not execute CreateModule ..."): the cause is ours. */
  private static String rootMessage(Throwable e) {
    Throwable t = e;
    while (t.getCause() != null) {
      t = t.getCause();
    }
    return t.getMessage();
  }
}
