package io.docverify.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class NumbersTest {

    @Test
    void aNumberIsReadWithoutItsSurroundingBlanks() {
        int port = Numbers.parse("N", " 42 ", Integer::parseInt);
        double jitter = Numbers.parse("N", "0.25", Double::parseDouble);
        assertThat(port).isEqualTo(42);
        assertThat(jitter).isEqualTo(0.25);
    }

    @Test
    void aValueThatIsNoNumberIsRefusedNamingTheSettingAndTheValueAsGiven() {
        assertThatThrownBy(() -> Numbers.parse("DOCVERIFY_PORT", "abc ", Integer::parseInt))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("DOCVERIFY_PORT must be a number, not 'abc '");
        assertThatThrownBy(() -> Numbers.parse("N", "4KiB", Integer::parseInt))
                .hasMessage("N must be a number, not '4KiB'");
    }
}
