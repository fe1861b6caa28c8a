package io.docverify.grpc.logging;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

class LogBudgetTest {
    private final AtomicLong now = new AtomicLong();
    private final LogBudget budget = new LogBudget(2, Duration.ofSeconds(60), now::get);

    @Test
    void theLinesOfAWindowAreLoggedAndTheRestDropped() {
        assertThat(budget.take()).isZero();
        assertThat(budget.take()).isZero();
        assertThat(budget.take()).isEqualTo(-1);
        assertThat(budget.take()).isEqualTo(-1);
    }

    @Test
    void theFirstLineOfTheNextWindowSaysHowManyWereDropped() {
        budget.take();
        budget.take();
        budget.take();
        budget.take();
        budget.take();
        now.addAndGet(Duration.ofSeconds(59).toNanos());
        assertThat(budget.take()).isEqualTo(-1);
        now.addAndGet(Duration.ofSeconds(1).toNanos());

        assertThat(budget.take()).isEqualTo(4);
        assertThat(budget.take()).isZero();
        assertThat(budget.take()).isEqualTo(-1);
    }

    @Test
    void aBudgetNeedsALineAndAWindow() {
        assertThatThrownBy(() -> new LogBudget(0, Duration.ofSeconds(1))).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new LogBudget(1, Duration.ofSeconds(-1))).isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aOneLineBudgetCountsTheEventsEachLineStandsFor() {
        var counting = new LogBudget(1, Duration.ofSeconds(10), now::get);
        assertThat(counting.takeCounting()).as("the first event is logged at once").isEqualTo(1);
        assertThat(counting.takeCounting()).isZero();
        assertThat(counting.takeCounting()).isZero();
        now.addAndGet(Duration.ofSeconds(10).toNanos());
        assertThat(counting.takeCounting()).as("this one and the two dropped").isEqualTo(3);
    }

    @Test
    void aZeroWindowLimitsNothing() {
        var unlimited = new LogBudget(1, Duration.ZERO, now::get);
        for (int i = 0; i < 5; i++) {
            assertThat(unlimited.takeCounting()).isEqualTo(1);
        }
    }
}
