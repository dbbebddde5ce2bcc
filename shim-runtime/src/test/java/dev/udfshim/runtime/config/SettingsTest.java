package dev.udfshim.runtime.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.udfshim.runtime.logging.LogSetup;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {
  private static final ConfigOption<Integer> N =
      ConfigOption.key("n").intType().defaultValue(7).withRange(1, 100);
  private static final ConfigOption<Duration> D =
      ConfigOption.key("d")
          .durationType()
          .defaultValue(Duration.ZERO)
          .withRange(Duration.ZERO, Duration.ofDays(1));
  private static final ConfigOption<Boolean> FLAG =
      ConfigOption.key("flag").booleanType().defaultValue(false);
  private static final ConfigOption<LogSetup.Format> FORMAT =
      ConfigOption.key("format").enumType(LogSetup.Format.class).defaultValue(LogSetup.Format.TEXT);
  private static final ConfigOption<Integer> RENAMED =
      ConfigOption.key("new.name")
          .intType()
          .defaultValue(1)
          .withRange(1, 10)
          .withDeprecatedKeys("old.name");

  private static Settings of(Map<String, String> vars, Map<String, String> fallback) {
    return new Settings(key -> Optional.ofNullable(vars.get(key)), fallback);
  }

  @Test
  void valuesInRangeAreReadAndUnsetOnesTakeTheFallbackThenTheDefault() throws Exception {
    assertThat(of(Map.of("n", " 12\n"), Map.of("n", "3")).get(N)).isEqualTo(12);
    assertThat(of(Map.of(), Map.of("n", "3")).get(N)).isEqualTo(3);
    assertThat(of(Map.of(), Map.of()).get(N)).isEqualTo(7);
    assertThat(of(Map.of("n", "1_0"), Map.of()).get(N)).isEqualTo(10);
    assertThat(of(Map.of("d", "1 min"), Map.of()).get(D)).isEqualTo(Duration.ofMinutes(1));
    assertThat(of(Map.of("d", "250"), Map.of()).get(D)).isEqualTo(Duration.ofMillis(250));
    assertThat(of(Map.of("flag", "TRUE"), Map.of()).get(FLAG)).isTrue();
    assertThat(of(Map.of("format", " Json\n"), Map.of()).get(FORMAT))
        .isEqualTo(LogSetup.Format.JSON);
  }

  @Test
  void theBoundsOfTheRangeAreIncluded() throws Exception {
    assertThat(of(Map.of("n", "1"), Map.of()).get(N)).isEqualTo(1);
    assertThat(of(Map.of("n", "100"), Map.of()).get(N)).isEqualTo(100);
    assertThat(of(Map.of("d", "1 d"), Map.of()).get(D)).isEqualTo(Duration.ofDays(1));
  }

  @Test
  void aDeprecatedKeyIsReadWhereTheKeyIsNotSetAndNamedWhenItIsRefused() throws Exception {
    assertThat(of(Map.of("old.name", "4"), Map.of()).get(RENAMED)).isEqualTo(4);
    assertThat(of(Map.of("old.name", "4", "new.name", "5"), Map.of()).get(RENAMED)).isEqualTo(5);
    assertThatThrownBy(() -> of(Map.of("old.name", "40"), Map.of()).get(RENAMED))
        .hasMessage(
            "Config var old.name must be a whole number from 1 to 10, not '40'; correct or remove"
                + " it.");
  }

  @Test
  void valuesOutOfRangeMalformedOrThatOverflowAreRefusedWithASentence() {
    Settings settings =
        of(
            Map.of(
                "n", "99999999999999999999",
                "d", "9999999999999 d",
                "flag", "yes",
                "format", "xml"),
            Map.of());

    assertThatThrownBy(() -> settings.get(N))
        .hasMessage(
            "Config var n must be a whole number from 1 to 100, not '99999999999999999999';"
                + " correct or remove it.");
    assertThatThrownBy(() -> of(Map.of("n", "-1"), Map.of()).get(N))
        .hasMessageContaining("from 1 to 100, not '-1'");
    assertThatThrownBy(() -> of(Map.of("n", "101"), Map.of()).get(N))
        .hasMessageContaining("from 1 to 100, not '101'");
    assertThatThrownBy(() -> of(Map.of("n", ""), Map.of()).get(N))
        .hasMessageContaining("from 1 to 100, not ''");
    assertThatThrownBy(() -> settings.get(D))
        .hasMessage(
            "Config var d must be a duration from 0 ms to 1 d such as '500 ms' or '30 s', not"
                + " '9999999999999 d'; correct or remove it.");
    assertThatThrownBy(() -> settings.get(FLAG))
        .hasMessage("Config var flag must be true or false, not 'yes'; correct or remove it.");
    assertThatThrownBy(() -> settings.get(FORMAT))
        .hasMessage("Config var format must be text or json, not 'xml'; correct or remove it.");
  }

  @Test
  void aBadFallbackValueIsRefusedToo() {
    assertThatThrownBy(() -> of(Map.of(), Map.of("n", "0")).get(N))
        .hasMessage(
            "Config var n must be a whole number from 1 to 100, not '0'; correct or remove it.");
  }
}
