package io.docverify.dwollaserver;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The sandbox's clock: another clock moved forward by an offset that only grows ({@link #advance}). The server's
 * token expiry, webhook retries and the in-memory backend's idempotency window all read a {@code SandboxClock}
 * sharing one offset ({@link #sharingOffset}), so moving it once moves all of them. Thread-safe.
 */
public final class SandboxClock extends Clock {
    private final Clock base;
    private final AtomicReference<Duration> offset;

    /** {@code base}, not moved yet. */
    public SandboxClock(Clock base) {
        this(base, new AtomicReference<>(Duration.ZERO));
    }

    private SandboxClock(Clock base, AtomicReference<Duration> offset) {
        this.base = Objects.requireNonNull(base, "base");
        this.offset = offset;
    }

    /** Another base clock moved by the same offset as this one, now and after every {@link #advance}. */
    public SandboxClock sharingOffset(Clock otherBase) {
        return new SandboxClock(otherBase, offset);
    }

    /** Moves the clock (and every clock sharing its offset) forward; returns the new instant. */
    public Instant advance(Duration by) {
        Objects.requireNonNull(by, "by");
        if (by.isNegative()) {
            throw new IllegalArgumentException("the sandbox clock only moves forward");
        }
        offset.updateAndGet(o -> o.plus(by));
        return instant();
    }

    /** How far the clock was moved in total. */
    public Duration offset() {
        return offset.get();
    }

    @Override
    public Instant instant() {
        return base.instant().plus(offset.get());
    }

    @Override
    public ZoneId getZone() {
        return base.getZone();
    }

    @Override
    public Clock withZone(ZoneId zone) {
        return new SandboxClock(base.withZone(zone), offset);
    }
}
