package dev.udfshim.runtime.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import io.confluent.flink.udf.extractor.v1.ErrorCode;
import io.confluent.flink.udf.extractor.v1.ExtractionResponse;
import io.confluent.flink.udf.extractor.v1.Signature;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class UdfExtractorTest {
  private final UdfExtractor extractor = new UdfExtractor(getClass().getClassLoader());

  private static Signature signature(List<String> names, List<String> types, String result) {
    return Signature.newBuilder()
        .addAllArgumentNames(names)
        .addAllArgumentTypes(types)
        .setReturnType(result)
        .build();
  }

  private static ExtractionResponse ok(String kind, boolean deterministic, Signature... sigs) {
    return ExtractionResponse.newBuilder()
        .addAllSignatures(List.of(sigs))
        .setIsDeterministic(deterministic)
        .setFunctionKind(kind)
        .build();
  }

  @Test
  void seedExampleAnswersTheProtocolsWorkedBytes() {
    ExtractionResponse response = extractor.extract("tests.udf_fixtures.add_one");

    assertThat(response)
        .isEqualTo(
            ok(
                "SCALAR",
                true,
                signature(List.of("i", "j"), List.of("BIGINT", "BIGINT"), "BIGINT")));
    assertThat(Base64.getEncoder().encodeToString(response.toByteArray()))
        .isEqualTo("Eh4KBkJJR0lOVAoGQklHSU5UEgZCSUdJTlQaAWkaAWoYASIGU0NBTEFS");
  }

  @Test
  void primitivesAreNotNull() {
    assertThat(extractor.extract("dev.udfshim.fixtures.PrimitiveAdd"))
        .isEqualTo(
            ok(
                "SCALAR",
                true,
                signature(
                    List.of("a", "b"),
                    List.of("BIGINT NOT NULL", "INT NOT NULL"),
                    "BIGINT NOT NULL")));
  }

  @Test
  void overloadsAnswerOneExactSignatureEachInTheDocumentedOrder() {
    assertThat(extractor.extract("dev.udfshim.fixtures.Overloaded"))
        .isEqualTo(
            ok(
                "SCALAR",
                true,
                signature(List.of("value"), List.of("DOUBLE"), "DOUBLE"),
                signature(List.of("value"), List.of("INT"), "INT"),
                signature(
                    List.of("text", "times"),
                    List.of("VARCHAR(2147483647)", "INT"),
                    "VARCHAR(2147483647)")));
  }

  @Test
  void dataTypeHintsOnParametersAndResultKeepPrecision() {
    assertThat(extractor.extract("dev.udfshim.fixtures.Hinted"))
        .isEqualTo(
            ok(
                "SCALAR",
                true,
                signature(List.of("amount"), List.of("DECIMAL(10, 4)"), "DECIMAL(12, 2)")));
  }

  @Test
  void nonDeterministicFunctionWithoutArguments() {
    assertThat(extractor.extract("dev.udfshim.fixtures.RandomNumber"))
        .isEqualTo(ok("SCALAR", false, signature(List.of(), List.of(), "INT")));
  }

  @Test
  void tableFunctionsAnswerTheRowType() {
    assertThat(extractor.extract("dev.udfshim.fixtures.SplitWords"))
        .isEqualTo(
            ok(
                "TABLE",
                true,
                signature(List.of("text"), List.of("VARCHAR(2147483647)"), "VARCHAR(2147483647)")));
    assertThat(extractor.extract("dev.udfshim.fixtures.WordLengths"))
        .isEqualTo(
            ok(
                "TABLE",
                true,
                signature(
                    List.of("text"),
                    List.of("VARCHAR(2147483647)"),
                    "ROW<`word` VARCHAR(2147483647), `length` INT>")));
  }

  @ParameterizedTest(name = "{0} -> {1}")
  @CsvSource(
      delimiter = '|',
      value = {
        "does.not.Exist | USER_CODE_NOT_FOUND | Class 'does.not.Exist' was not found in the UDF"
            + " artifact; check the fully qualified name and that the jar holds the class.",
        "'' | USER_CODE_NOT_FOUND | The request names no class: set class_name to the fully"
            + " qualified class name of the UDF, e.g. com.example.MyFunction.",
        "dev.udfshim.fixtures.Broken$NotAFunction | NOT_SCALAR_FUNCTION | Class"
            + " 'dev.udfshim.fixtures.Broken$NotAFunction' is not a Flink UDF; extend"
            + " org.apache.flink.table.functions.ScalarFunction or TableFunction.",
        "dev.udfshim.fixtures.Broken$NeedsArgument | NO_PUBLIC_NO_ARG_CONSTRUCTOR | Class"
            + " 'dev.udfshim.fixtures.Broken$NeedsArgument' has no public no-argument constructor;"
            + " add one, since the platform creates the function through it.",
        "dev.udfshim.fixtures.Broken$PackagePrivate | NO_PUBLIC_NO_ARG_CONSTRUCTOR | Class"
            + " 'dev.udfshim.fixtures.Broken$PackagePrivate' cannot be instantiated by the"
            + " platform: it is not public; declare it public.",
        "dev.udfshim.fixtures.Broken$ThrowsInConstructor | GENERAL_FAILED_EXTRACTION | The"
            + " constructor of 'dev.udfshim.fixtures.Broken$ThrowsInConstructor' threw"
            + " java.lang.IllegalStateException: no connection to the license server; make it"
            + " succeed without external resources, or move that work to open().",
        "dev.udfshim.fixtures.Broken$VarArgs | TYPE_EXTRACTION_ERROR | Method public"
            + " java.lang.Integer dev.udfshim.fixtures.Broken$VarArgs.eval(java.lang.Integer...)"
            + " takes variable arguments, which remote UDFs do not support; declare one eval"
            + " method per argument count.",
        "dev.udfshim.fixtures.Broken$CustomInference | TYPE_EXTRACTION_ERROR | Class"
            + " 'dev.udfshim.fixtures.Broken$CustomInference' overrides getTypeInference(), which"
            + " remote UDFs do not support; remove the override and describe the types with"
            + " @FunctionHint / @DataTypeHint.",
        "dev.udfshim.fixtures.Broken$Sum | NOT_SUPPORTED_FUNCTION | Class"
            + " 'dev.udfshim.fixtures.Broken$Sum' is a Flink AggregateFunction; remote UDFs"
            + " support only ScalarFunction and TableFunction.",
        "dev.udfshim.fixtures.Broken$HoldsLatch | CLASS_NOT_SERIALIZABLE | Class"
            + " 'dev.udfshim.fixtures.Broken$HoldsLatch' cannot be serialized because it holds a"
            + " java.util.concurrent.CountDownLatch, which is not Serializable; mark that field"
            + " transient and create it in open().",
        "dev.udfshim.fixtures.Broken$ThrowsInIsDeterministic | UNKNOWN | isDeterministic() of"
            + " 'dev.udfshim.fixtures.Broken$ThrowsInIsDeterministic' threw"
            + " java.lang.UnsupportedOperationException: not decided yet; make it return a"
            + " constant.",
      })
  void eachErrorCodeAnswersOneActionableMessage(String className, ErrorCode code, String message) {
    assertThat(extractor.extract(className)).isEqualTo(UdfExtractor.error(code, message));
  }

  @Test
  void typeInferenceFailureNamesTheParameterAndTheFix() {
    ExtractionResponse response =
        extractor.extract("dev.udfshim.fixtures.Untyped$InterfaceArgument");

    assertThat(response.getError().getCode()).isEqualTo(ErrorCode.TYPE_EXTRACTION_ERROR);
    assertThat(response.getError().getErrorMessage())
        .startsWith(
            "Flink could not infer the types of 'dev.udfshim.fixtures.Untyped$InterfaceArgument': ")
        .contains("Could not extract a data type from 'interface java.lang.Runnable'")
        .endsWith(
            "Fix the eval methods or describe their types with @DataTypeHint / @FunctionHint.")
        .doesNotContain("\n");
    assertThat(response.getSignaturesCount()).isZero();
  }

  @Test
  void typesTheWireFormatCannotCarryAreRefusedAtExtraction() {
    assertThat(extractor.extract("dev.udfshim.fixtures.Broken$ReturnsInterval"))
        .isEqualTo(
            UdfExtractor.error(
                ErrorCode.TYPE_EXTRACTION_ERROR,
                "In 'dev.udfshim.fixtures.Broken$ReturnsInterval', the result has type INTERVAL"
                    + " DAY(2) TO SECOND(3), and INTERVAL DAY(2) TO SECOND(3) cannot cross the"
                    + " remote UDF wire format; use BOOLEAN, TINYINT, SMALLINT, INT, BIGINT, FLOAT,"
                    + " DOUBLE, DECIMAL, CHAR, VARCHAR, BINARY, VARBINARY, DATE, TIME, TIMESTAMP,"
                    + " TIMESTAMP_LTZ, ARRAY, MAP, MULTISET and ROW."));
  }
}
