package io.docverify.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.CustomerId;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * Subscriptions taken while other threads append: each sees exactly the events after the one it resumed from,
 * in order, none twice and none missing between its replay and its live part.
 */
class ServiceEventLogConcurrencyTest {
    private static final int EVENTS_PER_WRITER = 5_000;
    private static final int WRITERS = 2;

    @Test
    void replayThenLiveHasNoGapAndNoDuplicateUnderConcurrentAppends() throws Exception {
        int total = EVENTS_PER_WRITER * WRITERS;
        var log = new ServiceEventLog(new ServiceEventLog.Settings(total + 10, Duration.ofHours(1), total + 10),
                Clock.systemUTC());
        log.record(ServiceEventLogTest.uploaded(new CustomerId("seed"), "seed"));
        var start = new CountDownLatch(1);
        var writers = new ArrayList<Thread>();
        for (int w = 0; w < WRITERS; w++) {
            var owner = new CustomerId("writer" + w);
            writers.add(new Thread(() -> {
                await(start);
                for (int i = 0; i < EVENTS_PER_WRITER; i++) {
                    log.record(ServiceEventLogTest.uploaded(owner, "d" + i));
                }
            }));
        }
        writers.forEach(Thread::start);
        start.countDown();
        // Resume points taken while the writers run: each subscription from the newest id at that moment.
        var subscriptions = new ArrayList<EventSubscription>();
        var resumedAfter = new ArrayList<Long>();
        while (log.size() < total && subscriptions.size() < 50) {
            String newest = log.newestId().orElseThrow();
            resumedAfter.add(sequence(newest));
            subscriptions.add(log.subscribe(Optional.empty(), Optional.of(newest), false, () -> { }));
            Thread.onSpinWait();
        }
        for (Thread t : writers) {
            t.join(TimeUnit.SECONDS.toMillis(60));
        }
        assertThat(subscriptions).as("subscriptions taken during the appends").hasSizeGreaterThan(1);
        long last = sequence(log.newestId().orElseThrow());
        assertThat(last).isEqualTo(total + 1);
        for (int s = 0; s < subscriptions.size(); s++) {
            List<Long> seen = new ArrayList<>();
            for (ServiceEvent e = subscriptions.get(s).poll(); e != null; e = subscriptions.get(s).poll()) {
                seen.add(sequence(e.id()));
            }
            long after = resumedAfter.get(s);
            assertThat(seen).as("subscription %d, after event %d", s, after).hasSize((int) (last - after));
            for (int i = 0; i < seen.size(); i++) {
                assertThat(seen.get(i)).as("subscription %d, event %d", s, i).isEqualTo(after + 1 + i);
            }
        }
    }

    private static long sequence(String id) {
        return Long.parseLong(id.substring(id.lastIndexOf('-') + 1));
    }

    private static void await(CountDownLatch latch) {
        try {
            latch.await();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
