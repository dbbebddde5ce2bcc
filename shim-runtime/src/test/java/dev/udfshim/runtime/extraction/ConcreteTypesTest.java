package dev.udfshim.runtime.extraction;

import static org.assertj.core.api.Assertions.assertThat;

import dev.udfshim.fixtures.Untyped;
import io.confluent.flink.udf.extractor.v1.ErrorCode;
import io.confluent.flink.udf.extractor.v1.ExtractionResponse;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/** Object, ANY and RAW: one message that says what the platform needs, in one build. */
class ConcreteTypesTest {
  private final UdfExtractor extractor = new UdfExtractor(getClass().getClassLoader());

  @ParameterizedTest
  @CsvSource(
      delimiter = '|',
      value = {
        "ObjectArgument|argument 2 of eval is declared Object, which has no SQL type",
        "ObjectResult|the result of eval is declared Object, which has no SQL type",
        "AnyArgument|argument 1 of eval accepts any type (InputGroup.ANY)",
        "RawArgument|eval uses RAW (java.lang.StringBuilder), Flink's serialized Java object",
      })
  void eachSaysAtOnceThatTheCallNeedsOneConcreteSqlType(String fixture, String what) {
    String name = Untyped.class.getName() + "$" + fixture;
    ExtractionResponse response = extractor.extract(name);
    assertThat(response.getError().getCode()).isEqualTo(ErrorCode.TYPE_EXTRACTION_ERROR);
    assertThat(response.getError().getErrorMessage())
        .startsWith("In '" + name + "', " + what)
        .contains(
            "the platform calls a UDF through fixed signatures, one concrete SQL type per argument"
                + " and result")
        .endsWith(
            "declare a class Flink maps to one SQL type (Long, String, BigDecimal, Row with"
                + " @DataTypeHint(\"ROW<...>\"), ...) or name the type with"
                + " @DataTypeHint(\"BIGINT\").")
        .doesNotContain("RAW type")
        .doesNotContain("allowRawGlobally");
  }

  @Test
  void anObjectWithAHintIsFine() {
    ExtractionResponse response = extractor.extract(Untyped.class.getName() + "$HintedObject");
    assertThat(response.hasError()).isFalse();
    assertThat(response.getSignatures(0).getArgumentTypesList()).containsExactly("INT");
  }
}
