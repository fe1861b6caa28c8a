package io.docverify.domain.error;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class DocumentErrorRetryAfterTest {

    @Test
    void anErrorHasNoRetryDelayUntilOneIsGiven() {
        DocumentError error = DocumentError.of(ErrorCode.TOO_MANY_REQUESTS, "slow down");

        assertThat(error.retryAfter()).isEmpty();
        assertThat(error.withRetryAfter(Optional.of(Duration.ofSeconds(7))).retryAfter())
                .contains(Duration.ofSeconds(7));
    }

    @Test
    void theRetryDelaySurvivesNamingTheRule() {
        DocumentError error = DocumentError.of(ErrorCode.TOO_MANY_REQUESTS, "slow down")
                .withRetryAfter(Optional.of(Duration.ofSeconds(3))).byRule("someRule");

        assertThat(error.retryAfter()).contains(Duration.ofSeconds(3));
        assertThat(error.rule()).contains("someRule");
    }

    @Test
    void aNegativeRetryDelayIsRefused() {
        DocumentError error = DocumentError.of(ErrorCode.TOO_MANY_REQUESTS, "slow down");

        assertThatThrownBy(() -> error.withRetryAfter(Optional.of(Duration.ofSeconds(-1))))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
