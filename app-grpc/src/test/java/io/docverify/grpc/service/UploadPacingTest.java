package io.docverify.grpc.service;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.grpc.service.UploadRefusal.Reason;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The arithmetic of one call's clocks, on a clock the test moves (the timer is never armed here). */
class UploadPacingTest {
    private static final long S = TimeUnit.SECONDS.toNanos(1);
    private static final UploadPacing.Limits LIMITS = new UploadPacing.Limits(Duration.ofSeconds(10),
            Duration.ofSeconds(30), 4096, Duration.ofSeconds(10), 5, Duration.ofMinutes(5));

    private final AtomicLong now = new AtomicLong(1_000 * S);
    private final ScheduledExecutorService unused = Executors.newSingleThreadScheduledExecutor();

    @AfterEach
    void stopTimer() {
        unused.shutdownNow();
    }

    private UploadPacing pacing(UploadPacing.Limits limits) {
        return new UploadPacing(limits, unused, now::get, r -> {
        });
    }

    private Optional<Reason> dueAfter(UploadPacing pacing, long nanos) {
        now.addAndGet(nanos);
        return pacing.due(now.get()).map(UploadRefusal::reason);
    }

    /** A call whose metadata arrived and was admitted, the backend asking for the next chunk. */
    private UploadPacing streaming(UploadPacing.Limits limits) {
        UploadPacing pacing = pacing(limits);
        pacing.requested(1);
        pacing.received(0);
        pacing.admitted();
        pacing.requested(1);
        return pacing;
    }

    @Test
    void theMetadataMustArriveWithinTheFirstMessageLimit() {
        UploadPacing pacing = pacing(LIMITS);
        pacing.requested(1);

        assertThat(dueAfter(pacing, 10 * S - 1)).isEmpty();
        assertThat(dueAfter(pacing, 1)).contains(Reason.FIRST_MESSAGE_TIMEOUT);
    }

    @Test
    void theIdleClockRunsFromTheLastMessageOnlyWhileTheServerWaits() {
        UploadPacing pacing = streaming(LIMITS.withRate(0));
        assertThat(dueAfter(pacing, 29 * S)).isEmpty();
        pacing.received(1000);
        assertThat(dueAfter(pacing, 29 * S)).as("no demand: the server holds the client back").isEmpty();
        assertThat(dueAfter(pacing, 200 * S)).isEmpty();

        pacing.requested(1);
        assertThat(dueAfter(pacing, 30 * S - 1)).isEmpty();
        assertThat(dueAfter(pacing, 1)).contains(Reason.IDLE_TIMEOUT);
    }

    @Test
    void theRateIsTheAverageOverWaitingTimeOnceTheGraceIsOver() {
        UploadPacing pacing = streaming(LIMITS);
        pacing.received(100);
        pacing.requested(1);
        assertThat(dueAfter(pacing, 10 * S - 1)).as("within the grace").isEmpty();
        assertThat(dueAfter(pacing, 1)).contains(Reason.TOO_SLOW);

        UploadPacing steady = streaming(LIMITS);
        for (int second = 0; second < 20; second++) {
            now.addAndGet(S);
            steady.received(2 * 4096);
            steady.requested(1);
        }
        assertThat(steady.due(now.get())).as("twice the minimum for 20 s").isEmpty();
        // A gap without demand does not count: 100 s held back by the server.
        steady.received(0);
        now.addAndGet(100 * S);
        steady.requested(1);
        assertThat(dueAfter(steady, 19 * S)).as("39 s waited for 40 s of bytes").isEmpty();
        assertThat(dueAfter(steady, S)).as("40 s: exactly the minimum on average").isEmpty();
        assertThat(dueAfter(steady, 1)).contains(Reason.TOO_SLOW);
    }

    @Test
    void theNextCheckIsWhenTheEarliestLimitCouldBeReached() {
        UploadPacing pacing = streaming(LIMITS);
        long start = now.get();
        assertThat(pacing.nextCheck(now.get())).isEqualTo(start + 10 * S);
        pacing.received(200 * 4096);
        pacing.requested(1);
        // 200 s of bytes at the minimum rate: the idle limit (30 s after this message) comes first.
        assertThat(pacing.nextCheck(now.get())).isEqualTo(start + 30 * S);
        pacing.inputEnded();
        assertThat(pacing.nextCheck(now.get())).as("only the whole-upload limit").isEqualTo(start + 300 * S);
        assertThat(dueAfter(pacing, 299 * S)).isEmpty();
        assertThat(dueAfter(pacing, S)).contains(Reason.UPLOAD_TIMEOUT);
        pacing.stop();
        assertThat(pacing.nextCheck(now.get())).isEqualTo(Long.MAX_VALUE);
    }

    @Test
    void oneMessageOverTheBoundIsRefused() {
        UploadPacing pacing = streaming(LIMITS);
        for (int i = 2; i <= 5; i++) {
            assertThat(pacing.received(1)).isEmpty();
        }
        assertThat(pacing.received(1)).map(UploadRefusal::reason).contains(Reason.TOO_MANY_MESSAGES);
    }

    @Test
    void aZeroLimitIsOff() {
        UploadPacing pacing = streaming(new UploadPacing.Limits(Duration.ZERO, Duration.ZERO, 0, Duration.ZERO,
                1000, Duration.ZERO));
        assertThat(dueAfter(pacing, 100_000 * S)).isEmpty();
        assertThat(pacing.nextCheck(now.get())).isEqualTo(Long.MAX_VALUE);
    }
}
