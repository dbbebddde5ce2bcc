package dev.udfshim.runtime.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class SettingsTest {
  private static Settings of(Map<String, String> vars, Map<String, String> fallback) {
    return new Settings(key -> Optional.ofNullable(vars.get(key)), fallback);
  }

  @Test
  void valuesInRangeAreReadAndUnsetOnesTakeTheFallbackThenTheDefault() throws Exception {
    Settings settings = of(Map.of("n", " 12\n", "d", "1 min"), Map.of("f", "3"));

    assertThat(settings.integer("n", 1, 1, 100)).isEqualTo(12);
    assertThat(settings.integer("f", 1, 1, 100)).isEqualTo(3);
    assertThat(settings.integer("unset", 7, 1, 100)).isEqualTo(7);
    assertThat(settings.duration("d", Duration.ZERO, Duration.ZERO, Duration.ofHours(1)))
        .isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void valuesOutOfRangeOrThatOverflowAreRefusedWithASentence() {
    Settings settings =
        of(
            Map.of(
                "big", "99999999999999999999",
                "d", "9999999999999 d",
                "neg", "-1",
                "flag", "yes"),
            Map.of());

    assertThatThrownBy(() -> settings.number("big", 1, 1, 10))
        .hasMessage(
            "Config var big must be a whole number from 1 to 10, not '99999999999999999999';"
                + " correct or remove it.");
    assertThatThrownBy(() -> settings.integer("neg", 1, 0, 10))
        .hasMessageContaining("from 0 to 10, not '-1'");
    assertThatThrownBy(
            () -> settings.duration("d", Duration.ZERO, Duration.ZERO, Duration.ofDays(1)))
        .hasMessage(
            "Config var d must be a duration from 0 ms to 1 d such as '500 ms' or '30 s', not"
                + " '9999999999999 d'; correct or remove it.");
    assertThatThrownBy(() -> settings.flag("flag", false))
        .hasMessage("Config var flag must be true or false, not 'yes'.");
  }
}
