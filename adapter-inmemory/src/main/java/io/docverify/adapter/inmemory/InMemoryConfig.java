package io.docverify.adapter.inmemory;

import io.docverify.domain.upload.UploadLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of the in-memory Dwolla stand-in.
 *
 * @param limits             Dwolla's upload limits (10 MiB, four pending per owner)
 * @param idempotencyWindow  how long an idempotency key is remembered (Dwolla: 24 hours)
 * @param sandboxReviewDelay how long after its upload one of Dwolla's two sample images reviews itself; zero
 *                           reviews it before the upload returns
 * @param clock              the clock for creation times and key expiry
 */
public record InMemoryConfig(UploadLimits limits, Duration idempotencyWindow, Duration sandboxReviewDelay,
        Clock clock) {
    /** Dwolla's limits, a 24-hour idempotency window, sample images reviewed after two seconds, the UTC clock. */
    public static final InMemoryConfig DEFAULTS =
            new InMemoryConfig(UploadLimits.DWOLLA, Duration.ofHours(24), Duration.ofSeconds(2), Clock.systemUTC());

    public InMemoryConfig {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(idempotencyWindow, "idempotencyWindow");
        Objects.requireNonNull(sandboxReviewDelay, "sandboxReviewDelay");
        Objects.requireNonNull(clock, "clock");
        if (idempotencyWindow.isNegative() || sandboxReviewDelay.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
    }

    public InMemoryConfig withLimits(UploadLimits value) {
        return new InMemoryConfig(value, idempotencyWindow, sandboxReviewDelay, clock);
    }

    public InMemoryConfig withIdempotencyWindow(Duration value) {
        return new InMemoryConfig(limits, value, sandboxReviewDelay, clock);
    }

    public InMemoryConfig withSandboxReviewDelay(Duration value) {
        return new InMemoryConfig(limits, idempotencyWindow, value, clock);
    }

    public InMemoryConfig withClock(Clock value) {
        return new InMemoryConfig(limits, idempotencyWindow, sandboxReviewDelay, value);
    }
}
