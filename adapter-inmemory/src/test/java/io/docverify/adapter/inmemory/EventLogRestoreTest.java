package io.docverify.adapter.inmemory;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.event.DocumentEvent;
import io.docverify.ports.contract.MutableClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** {@link EventLog#all}, {@link EventLog#restore} and {@link EventLog#clear}: what a state file and a reset use. */
class EventLogRestoreTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(START);

    private static SandboxEvent uploaded(int n, Instant at) {
        return SandboxEvent.of(new DocumentEvent.DocumentUploaded(new DocumentId("00000000-0000-0000-0000-"
                + String.format("%012d", n)), new CustomerId("c" + n), DocumentType.PASSPORT, at));
    }

    @Test
    void restoredEventsComeBackOldestFirstWithinTheRetentionAndNoListenerHearsThem() {
        var log = new EventLog(clock, Duration.ofDays(30), 100);
        var heard = new CopyOnWriteArrayList<SandboxEvent>();
        log.listen(heard::add);
        SandboxEvent tooOld = uploaded(1, START.minus(Duration.ofDays(31)));
        SandboxEvent kept = uploaded(2, START.minus(Duration.ofDays(1)));

        log.restore(List.of(tooOld, kept, kept));

        assertThat(log.all()).containsExactly(kept);
        assertThat(log.get(kept.id())).contains(kept);
        assertThat(heard).isEmpty();
        log.publish(uploaded(3, START).event());
        assertThat(log.all()).hasSize(2).first().isEqualTo(kept);
    }

    @Test
    void clearForgetsEveryEventButKeepsTheListeners() {
        var log = new EventLog(clock);
        var heard = new CopyOnWriteArrayList<SandboxEvent>();
        log.listen(heard::add);
        log.publish(uploaded(1, START).event());

        log.clear();

        assertThat(log.size()).isZero();
        assertThat(log.all()).isEmpty();
        log.publish(uploaded(2, START).event());
        assertThat(heard).hasSize(2);
        assertThat(log.size()).isEqualTo(1);
    }
}
