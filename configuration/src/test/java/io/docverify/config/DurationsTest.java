package io.docverify.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class DurationsTest {

    @ParameterizedTest
    @CsvSource({"500ms,PT0.5S", "10s,PT10S", "2m,PT2M", "1h,PT1H", "PT3S,PT3S", "0,PT0S", " 10S ,PT10S",
            "999999999s,PT277777H46M39S"})
    void shortAndIsoFormsAreRead(String value, String expected) {
        assertThat(Durations.parse("X", value)).isEqualTo(Duration.parse(expected));
    }

    @ParameterizedTest
    @ValueSource(strings = {"soon", "1d", "-PT1S", "1000000000s", "10", "off", ""})
    void anythingElseIsRefusedNamingTheSetting(String value) {
        assertThatThrownBy(() -> Durations.parse("DWOLLA_READ_TIMEOUT", value))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DWOLLA_READ_TIMEOUT must be a duration such as 500ms, 10s, 2m or PT10S, not '"
                        + value + "'");
    }
}
