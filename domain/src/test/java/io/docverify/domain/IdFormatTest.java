package io.docverify.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;
import static org.quicktheories.generators.SourceDSL.strings;

import io.docverify.domain.error.DocumentException;
import org.junit.jupiter.api.Test;

/** The id check: a loop held to the pattern it replaces. */
class IdFormatTest {
    @Test
    void theLoopAgreesWithThePatternOnAnyString() {
        qt().forAll(strings().allPossible().ofLengthBetween(0, 70))
                .checkAssert(s -> assertThat(IdFormat.isToken(s)).as("[%s]", s)
                        .isEqualTo(IdFormat.TOKEN.matcher(s).matches()));
    }

    @Test
    void theLoopAgreesWithThePatternOnIdLikeStrings() {
        // Mostly the characters an id may hold, with a few others, around the length limit.
        String alphabet = "aZ09._-/ é";
        qt().forAll(integers().between(0, 66), strings().betweenCodePoints(0, 0x7f).ofLengthBetween(0, 66))
                .checkAssert((length, noise) -> {
                    var b = new StringBuilder();
                    for (int i = 0; i < length; i++) {
                        int pick = i < noise.length() ? noise.charAt(i) : i;
                        b.append(pick % 5 == 0 && i < noise.length() ? noise.charAt(i)
                                : alphabet.charAt(pick % alphabet.length()));
                    }
                    String s = b.toString();
                    assertThat(IdFormat.isToken(s)).as("[%s]", s).isEqualTo(IdFormat.TOKEN.matcher(s).matches());
                });
    }

    @Test
    void aUuidIsAnIdAndTheLimitsHold() {
        assertThat(new DocumentId("1de32eC7-ff0b-4c93-af64-87e4b1f9c5a9").value()).hasSize(36);
        assertThat(IdFormat.isToken("a".repeat(64))).isTrue();
        assertThat(IdFormat.isToken("a".repeat(65))).isFalse();
        assertThat(IdFormat.isToken("-a")).isFalse();
        assertThatThrownBy(() -> new DocumentId("a b")).isInstanceOf(DocumentException.class)
                .hasMessageContaining("letters, digits");
    }
}
