package io.docverify.grpc.service;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import java.util.function.LongSupplier;

/**
 * The clocks and the message count of one upload call: the first-message limit (metadata within
 * {@link Limits#firstMessage}), the idle limit (no gap over {@link Limits#idle} while the server waits for the
 * next message), the minimum rate (after {@link Limits#minRateGrace}, at least {@link Limits#minBytesPerSecond}
 * file bytes per second on average since the metadata), the whole-upload limit, and the bound on messages.
 *
 * <p>The idle and rate clocks count only <em>waiting time</em>: time in which the server has asked gRPC for a
 * message that has not arrived yet. When the server holds the stream back (the backend asks for no more chunks,
 * so gRPC's flow control stops the client), the client is not to blame and its clocks stand still; only the
 * whole-upload limit runs on. The input's end (the finish message or a half-close) stops both, too.
 *
 * <p>One task at a time on the shared timer per call, no thread: it fires when the earliest limit could be
 * reached, re-reads the state, and either cuts the call ({@code onCut}, from the timer thread) or schedules itself
 * for the new earliest time. Messages only ever move that time later, so they do not touch the timer; only a
 * resumed wait and the metadata can bring it forward, and then the task is rescheduled. The gRPC callbacks,
 * the backend's requests and the timer may call from different threads: the state is guarded by this object.
 */
final class UploadPacing {
    /** The limits; a zero duration or rate switches that limit off. */
    record Limits(Duration firstMessage, Duration idle, int minBytesPerSecond, Duration minRateGrace,
            int maxMessages, Duration wholeUpload) {
        Limits {
            Objects.requireNonNull(firstMessage, "firstMessage");
            Objects.requireNonNull(idle, "idle");
            Objects.requireNonNull(minRateGrace, "minRateGrace");
            Objects.requireNonNull(wholeUpload, "wholeUpload");
        }

        /** The same limits with another minimum rate (0: none). */
        Limits withRate(int bytesPerSecond) {
            return new Limits(firstMessage, idle, bytesPerSecond, minRateGrace, maxMessages, wholeUpload);
        }
    }

    /** Shortest gap between two checks of one call, so a client right at the minimum rate costs little. */
    static final long MIN_RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(50);

    private enum Stage { AWAITING_METADATA, STREAMING, INPUT_ENDED, STOPPED }

    private final Limits limits;
    private final ScheduledExecutorService timer;
    private final LongSupplier clock;
    private final Consumer<UploadRefusal> onCut;
    private final long startedAt;

    // Guarded by this.
    private Stage stage = Stage.AWAITING_METADATA;
    private long outstanding;
    private long waitingSince;
    private long idleSince;
    private long waitedNanos;
    private long bytes;
    private int messages;
    private ScheduledFuture<?> check;
    private long checkAt = Long.MAX_VALUE;
    private long generation;

    /** A call's clocks, started now; {@code clock} is {@link System#nanoTime} outside tests. */
    UploadPacing(Limits limits, ScheduledExecutorService timer, LongSupplier clock, Consumer<UploadRefusal> onCut) {
        this.limits = Objects.requireNonNull(limits, "limits");
        this.timer = Objects.requireNonNull(timer, "timer");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.onCut = Objects.requireNonNull(onCut, "onCut");
        this.startedAt = clock.getAsLong();
        this.idleSince = startedAt;
        this.waitingSince = startedAt;
    }

    /** Arms the timer; call once, after construction. */
    synchronized void start() {
        arm(clock.getAsLong());
    }

    /** The server asked gRPC for {@code n} more messages. */
    synchronized void requested(int n) {
        if (stage == Stage.STOPPED || n <= 0) {
            return;
        }
        boolean resumed = outstanding == 0;
        outstanding = outstanding > Long.MAX_VALUE - n ? Long.MAX_VALUE : outstanding + n;
        if (resumed) {
            long now = clock.getAsLong();
            waitingSince = now;
            idleSince = now;
            rearmIfEarlier(now);
        }
    }

    /** A message arrived, carrying {@code chunkBytes} file bytes; a refusal if it is one message too many. */
    synchronized Optional<UploadRefusal> received(int chunkBytes) {
        if (stage == Stage.STOPPED) {
            return Optional.empty();
        }
        long now = clock.getAsLong();
        messages++;
        bytes += chunkBytes;
        idleSince = now;
        if (outstanding > 0) {
            outstanding--;
            if (outstanding == 0 && stage == Stage.STREAMING) {
                waitedNanos += now - waitingSince;
            }
        }
        if (messages > limits.maxMessages()) {
            return Optional.of(UploadRefusal.tooManyMessages(limits.maxMessages()));
        }
        return Optional.empty();
    }

    /** The metadata was accepted: the idle and rate clocks start now. */
    synchronized void admitted() {
        if (stage != Stage.AWAITING_METADATA) {
            return;
        }
        long now = clock.getAsLong();
        stage = Stage.STREAMING;
        waitedNanos = 0;
        bytes = 0;
        waitingSince = now;
        idleSince = now;
        rearmIfEarlier(now);
    }

    /** The client said the file is complete: only the whole-upload limit still runs. */
    synchronized void inputEnded() {
        if (stage == Stage.STREAMING || stage == Stage.AWAITING_METADATA) {
            if (stage == Stage.STREAMING && outstanding > 0) {
                waitedNanos += clock.getAsLong() - waitingSince;
            }
            stage = Stage.INPUT_ENDED;
        }
    }

    /** The call is over: no more checks. */
    synchronized void stop() {
        stage = Stage.STOPPED;
        cancel();
    }

    /** The limit reached at {@code now}, if any. */
    synchronized Optional<UploadRefusal> due(long now) {
        if (stage == Stage.STOPPED) {
            return Optional.empty();
        }
        if (on(limits.wholeUpload()) && now - startedAt >= limits.wholeUpload().toNanos()) {
            return Optional.of(UploadRefusal.uploadTimeout(limits.wholeUpload()));
        }
        if (stage == Stage.AWAITING_METADATA && on(limits.firstMessage())
                && now - startedAt >= limits.firstMessage().toNanos()) {
            return Optional.of(UploadRefusal.firstMessageTimeout(limits.firstMessage()));
        }
        if (stage != Stage.STREAMING || outstanding == 0) {
            return Optional.empty();
        }
        if (on(limits.idle()) && now - idleSince >= limits.idle().toNanos()) {
            return Optional.of(UploadRefusal.idleTimeout(limits.idle()));
        }
        long waited = waited(now);
        if (limits.minBytesPerSecond() > 0 && waited >= limits.minRateGrace().toNanos()
                && bytes * 1e9 < (double) limits.minBytesPerSecond() * waited) {
            return Optional.of(UploadRefusal.tooSlow(limits.minBytesPerSecond(), bytes, waited));
        }
        return Optional.empty();
    }

    /** The earliest time after {@code now} at which a limit could be reached if nothing arrives. */
    synchronized long nextCheck(long now) {
        long next = Long.MAX_VALUE;
        if (stage == Stage.STOPPED) {
            return next;
        }
        if (on(limits.wholeUpload())) {
            next = Math.min(next, startedAt + limits.wholeUpload().toNanos());
        }
        if (stage == Stage.AWAITING_METADATA && on(limits.firstMessage())) {
            next = Math.min(next, startedAt + limits.firstMessage().toNanos());
        }
        if (stage == Stage.STREAMING && outstanding > 0) {
            if (on(limits.idle())) {
                next = Math.min(next, idleSince + limits.idle().toNanos());
            }
            if (limits.minBytesPerSecond() > 0) {
                // The waiting time at which the bytes so far fall below the rate (never before the grace).
                double allowed = Math.max(limits.minRateGrace().toNanos(),
                        bytes * 1e9 / limits.minBytesPerSecond());
                double at = now + Math.max(0, allowed - waited(now));
                next = Math.min(next, at >= Long.MAX_VALUE ? Long.MAX_VALUE : (long) at);
            }
        }
        return next == Long.MAX_VALUE ? next : Math.max(next, now + MIN_RECHECK_NANOS);
    }

    private long waited(long now) {
        return waitedNanos + (outstanding > 0 ? now - waitingSince : 0);
    }

    private static boolean on(Duration limit) {
        return !limit.isZero() && !limit.isNegative();
    }

    private void rearmIfEarlier(long now) {
        if (nextCheck(now) < checkAt) {
            cancel();
            arm(now);
        }
    }

    private void arm(long now) {
        long at = nextCheck(now);
        checkAt = at;
        if (at == Long.MAX_VALUE) {
            check = null;
            return;
        }
        long mine = ++generation;
        try {
            check = timer.schedule(() -> fire(mine), at - now, TimeUnit.NANOSECONDS);
        } catch (RejectedExecutionException e) {
            check = null; // the server is stopping; its shutdown ends the call
        }
    }

    private void cancel() {
        generation++;
        checkAt = Long.MAX_VALUE;
        if (check != null) {
            check.cancel(false);
            check = null;
        }
    }

    private void fire(long scheduledGeneration) {
        Optional<UploadRefusal> cut;
        synchronized (this) {
            if (scheduledGeneration != generation || stage == Stage.STOPPED) {
                return;
            }
            long now = clock.getAsLong();
            cut = due(now);
            if (cut.isPresent()) {
                stage = Stage.STOPPED;
                checkAt = Long.MAX_VALUE;
                check = null;
            } else {
                arm(now);
            }
        }
        cut.ifPresent(onCut);
    }
}
