package dev.udfshim.runtime.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.math.BigDecimal;
import java.time.Instant;
import java.time.LocalDateTime;
import java.util.Map;
import org.apache.flink.table.api.DataTypes;
import org.apache.flink.types.Row;
import org.junit.jupiter.api.Test;

/** How people type argument lists and values, and what they read back. */
class ArgumentTextTest {

  @Test
  void splitsAtTopLevelCommasOnly() {
    assertThat(ArgsSplitter.split("1,2")).containsExactly("1", "2");
    assertThat(ArgsSplitter.split("\"a,b\", [1,2], {\"k\":[3,4]}, null"))
        .containsExactly("\"a,b\"", "[1,2]", "{\"k\":[3,4]}", "null");
    assertThat(ArgsSplitter.split("\"say \\\"hi\\\"\"")).containsExactly("\"say \\\"hi\\\"\"");
    assertThat(ArgsSplitter.split("")).isEmpty();
  }

  @Test
  void unclosedQuoteOrBracketIsOneSentence() {
    assertThatThrownBy(() -> ArgsSplitter.split("[1,2"))
        .hasMessage("The argument list '[1,2' has an unclosed quote or bracket.");
    assertThatThrownBy(() -> ArgsSplitter.split("\"open"))
        .hasMessage("The argument list '\"open' has an unclosed quote or bracket.");
  }

  @Test
  void parsesEveryKindOfValue() {
    assertThat(ValueText.parse("null", DataTypes.BIGINT())).isNull();
    assertThat(ValueText.parse("null", DataTypes.STRING())).as("SQL NULL").isNull();
    assertThat(ValueText.parse("\"null\"", DataTypes.STRING())).as("the string").isEqualTo("null");
    assertThat(ValueText.parse("\"say \\\"hi\\\"\"", DataTypes.STRING())).isEqualTo("say \"hi\"");
    assertThat(ValueText.parse("\"a,b\"", DataTypes.STRING())).isEqualTo("a,b");
    assertThat(ValueText.parse("\"7\"", DataTypes.BIGINT())).isEqualTo(7L);
    assertThat(ValueText.parse("TRUE", DataTypes.BOOLEAN())).isEqualTo(true);
    assertThat(ValueText.parse("12.50", DataTypes.DECIMAL(5, 2)))
        .isEqualTo(new BigDecimal("12.50"));
    assertThat(ValueText.parse("2024-02-29 12:00:01.5", DataTypes.TIMESTAMP(3)))
        .isEqualTo(LocalDateTime.of(2024, 2, 29, 12, 0, 1, 500_000_000));
    assertThat(ValueText.parse("2024-02-29T12:00:00Z", DataTypes.TIMESTAMP_LTZ(3)))
        .isEqualTo(Instant.parse("2024-02-29T12:00:00Z"));
    assertThat(ValueText.parse("AQI=", DataTypes.BYTES())).isEqualTo(new byte[] {1, 2});
    assertThat((Object[]) ValueText.parse("[1, null]", DataTypes.ARRAY(DataTypes.INT())))
        .containsExactly(1, null);
    assertThat(
            ValueText.parse("{\"7\": \"x\"}", DataTypes.MAP(DataTypes.INT(), DataTypes.STRING())))
        .isEqualTo(Map.of(7, "x"));
    assertThat(ValueText.parse("[\"a\", \"a\", \"b\"]", DataTypes.MULTISET(DataTypes.STRING())))
        .isEqualTo(Map.of("a", 2, "b", 1));
    var row =
        DataTypes.ROW(
            DataTypes.FIELD("n", DataTypes.INT()), DataTypes.FIELD("s", DataTypes.STRING()));
    assertThat(ValueText.parse("[1, \"x\"]", row)).isEqualTo(Row.of(1, "x"));
    assertThat(ValueText.parse("{\"s\": \"y\", \"n\": 2}", row)).isEqualTo(Row.of(2, "y"));
  }

  @Test
  void valuesThatDoNotFitSayHowToWriteThem() {
    assertThatThrownBy(() -> ValueText.parse("maybe", DataTypes.BOOLEAN()))
        .hasMessage("'maybe' is not a BOOLEAN value (write true or false).");
    assertThatThrownBy(() -> ValueText.parse("123456.7", DataTypes.DECIMAL(5, 2)))
        .hasMessage("'123456.7' is not a DECIMAL(5, 2) value.");
    assertThatThrownBy(() -> ValueText.parse("{\"a\":1}", DataTypes.ARRAY(DataTypes.INT())))
        .hasMessage("{\"a\":1} is not a ARRAY<INT> value (write arrays as [1, 2]).");
    assertThatThrownBy(() -> ValueText.parse("[1,", DataTypes.ARRAY(DataTypes.INT())))
        .hasMessage("'[1,' is not JSON, which a ARRAY<INT> value is written in.");
    assertThatThrownBy(
            () ->
                ValueText.parse(
                    "[1]",
                    DataTypes.ROW(
                        DataTypes.FIELD("a", DataTypes.INT()),
                        DataTypes.FIELD("b", DataTypes.INT()))))
        .hasMessage("[1] has 1 fields, but ROW<`a` INT, `b` INT> has 2.");
  }

  @Test
  void rendersScalarsAsTextAndCompositesAsJson() {
    assertThat(ValueText.render(null)).isEqualTo("null");
    assertThat(ValueText.render("plain text")).isEqualTo("plain text");
    assertThat(ValueText.render(new BigDecimal("1.50"))).isEqualTo("1.50");
    assertThat(ValueText.render(Row.of("a", new Integer[] {1, null}, Map.of("k", true))))
        .isEqualTo("[\"a\",[1,null],{\"k\":true}]");
  }

  @Test
  void targetMustBeHostAndPort() {
    assertThat(ServerCall.HostPort.parse("localhost:50051"))
        .isEqualTo(new ServerCall.HostPort("localhost", 50051));
    assertThatThrownBy(() -> ServerCall.HostPort.parse("localhost"))
        .hasMessage("--target 'localhost' is not host:port, e.g. localhost:50051.");
    assertThatThrownBy(() -> ServerCall.HostPort.parse("h:99999"))
        .hasMessage("--target 'h:99999' is not host:port, e.g. localhost:50051.");
  }
}
