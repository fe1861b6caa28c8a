package io.docverify.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

class SettingsTest {

    @Test
    void aValueIsReadWithoutItsSurroundingBlanks() {
        assertThat(Settings.of(Map.of("A", "  x y  ")).text("A")).contains("x y");
    }

    @Test
    void aBlankOrMissingValueIsUnset() {
        var settings = Settings.of(Map.of("BLANK", "  ", "EMPTY", ""));
        assertThat(settings.text("BLANK")).isEmpty();
        assertThat(settings.text("EMPTY")).isEmpty();
        assertThat(settings.text("MISSING")).isEmpty();
        assertThat(settings.duration("BLANK")).isEmpty();
        assertThat(settings.number("EMPTY", Integer::parseInt)).isEmpty();
    }

    @Test
    void aPrefixIsPartOfEveryNameReadAndOfEveryError() {
        var settings = Settings.prefixed(Map.of("DWOLLA_READ_TIMEOUT", "2s", "READ_TIMEOUT", "9s",
                "DWOLLA_MAX_ATTEMPTS", "many", "DWOLLA_RETRY_JITTER", "0.5"), "DWOLLA_");
        assertThat(settings.fullName("READ_TIMEOUT")).isEqualTo("DWOLLA_READ_TIMEOUT");
        assertThat(settings.duration("READ_TIMEOUT")).contains(Duration.ofSeconds(2));
        assertThat(settings.number("RETRY_JITTER", Double::parseDouble)).contains(0.5);
        assertThatThrownBy(() -> settings.number("MAX_ATTEMPTS", Integer::parseInt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DWOLLA_MAX_ATTEMPTS must be a number, not 'many'");
    }

    @Test
    void aBadDurationNamesTheSettingWithItsPrefix() {
        var settings = Settings.prefixed(Map.of("DOCVERIFY_DWOLLA_READ_TIMEOUT", "soon"), "DOCVERIFY_DWOLLA_");
        assertThatThrownBy(() -> settings.duration("READ_TIMEOUT"))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith("DOCVERIFY_DWOLLA_READ_TIMEOUT must be a duration");
    }

    @Test
    void theSettingsAreAViewOfTheMap() {
        var values = new HashMap<String, String>();
        var settings = Settings.of(values);
        values.put("LATE", "1");
        assertThat(settings.number("LATE", Integer::parseInt)).contains(1);
    }
}
