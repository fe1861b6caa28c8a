package io.docverify.benchmarks;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * A smoke test of the under-attack harness, tiny and with short server limits so that the attackers are cut and
 * reopen within it: it counts every legitimate attempt of both phases, and the attackers both held slots and were
 * ended (cut by the minimum rate, or refused their key's share). No timing assertion.
 */
class UnderAttackTest {

    @Test
    void bothPhasesCountEveryLegitimateUploadAndTheAttackersAreCutAndReopen() throws Exception {
        var options = new UnderAttack.Options(8, 20, Duration.ofMillis(600), Duration.ofMillis(1500), false,
                16 * 1024, false, Map.of("DOCVERIFY_MAX_CONCURRENT_UPLOADS", "8",
                        "DOCVERIFY_UPLOAD_MIN_RATE_GRACE", "200ms"));

        UnderAttack.Outcome outcome = UnderAttack.run(options);

        // 1.5 s recorded at 20 uploads/s in each phase.
        assertThat(outcome.quiet().attempts()).isEqualTo(30);
        assertThat(outcome.attack().attempts()).isEqualTo(30);
        assertThat(outcome.quiet().succeeded()).as("failures %s", outcome.quiet().failures()).isEqualTo(30);
        assertThat(outcome.attack().succeeded()).as("failures %s", outcome.attack().failures()).isEqualTo(30);
        assertThat(outcome.attack().share()).isEqualTo(1.0);
        assertThat(outcome.attack().p99Micros()).isPositive();
        assertThat(outcome.attackerEnds()).containsKeys("DEADLINE_EXCEEDED", "RESOURCE_EXHAUSTED");
        assertThat(outcome.attackerOpened()).isGreaterThan(8);
        assertThat(outcome.meanSlotsInUse()).isPositive();
        assertThat(outcome.slots()).isEqualTo(8);
    }

    @Test
    void theCommandLineIsRead() {
        var o = UnderAttack.Options.parse(new String[] {"64", "10", "15", "40", "attack", "262144", "shared",
                "DOCVERIFY_UPLOAD_IDLE_TIMEOUT=5s"});
        assertThat(o).isEqualTo(new UnderAttack.Options(64, 10, Duration.ofSeconds(15), Duration.ofSeconds(40), true,
                262144, true, Map.of("DOCVERIFY_UPLOAD_IDLE_TIMEOUT", "5s")));
        assertThatThrownBy(() -> UnderAttack.Options.parse(new String[] {"1", "1", "1", "1", "later", "1"}))
                .isInstanceOf(IllegalArgumentException.class);
    }
}
