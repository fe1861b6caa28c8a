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
 * @param maxOwners          how many owners (customers and beneficial owners together) the stand-in holds at most;
 *                           one more is refused with {@code 400 MaxNumberOfResources} and nothing is stored
 * @param maxDocuments       how many documents (of every owner together) it holds at most; one more upload is
 *                           refused the same way
 */
public record InMemoryConfig(UploadLimits limits, Duration idempotencyWindow, Duration sandboxReviewDelay,
        Clock clock, int maxOwners, int maxDocuments) {
    /** The default {@link #maxOwners}: a sandbox that runs for weeks stays within a 2 GiB heap (BENCHMARKS.md). */
    public static final int DEFAULT_MAX_OWNERS = 250_000;
    /** The default {@link #maxDocuments}. */
    public static final int DEFAULT_MAX_DOCUMENTS = 1_000_000;

    /**
     * Dwolla's limits, a 24-hour idempotency window, sample images reviewed after two seconds, the UTC clock, at most
     * {@value #DEFAULT_MAX_OWNERS} owners and {@value #DEFAULT_MAX_DOCUMENTS} documents.
     */
    public static final InMemoryConfig DEFAULTS = new InMemoryConfig(UploadLimits.DWOLLA, Duration.ofHours(24),
            Duration.ofSeconds(2), Clock.systemUTC(), DEFAULT_MAX_OWNERS, DEFAULT_MAX_DOCUMENTS);

    public InMemoryConfig {
        Objects.requireNonNull(limits, "limits");
        Objects.requireNonNull(idempotencyWindow, "idempotencyWindow");
        Objects.requireNonNull(sandboxReviewDelay, "sandboxReviewDelay");
        Objects.requireNonNull(clock, "clock");
        if (idempotencyWindow.isNegative() || sandboxReviewDelay.isNegative()) {
            throw new IllegalArgumentException("durations must not be negative");
        }
        if (maxOwners < 1 || maxDocuments < 1) {
            throw new IllegalArgumentException("maxOwners and maxDocuments must be at least 1");
        }
    }

    public InMemoryConfig withLimits(UploadLimits value) {
        return new InMemoryConfig(value, idempotencyWindow, sandboxReviewDelay, clock, maxOwners, maxDocuments);
    }

    public InMemoryConfig withIdempotencyWindow(Duration value) {
        return new InMemoryConfig(limits, value, sandboxReviewDelay, clock, maxOwners, maxDocuments);
    }

    public InMemoryConfig withSandboxReviewDelay(Duration value) {
        return new InMemoryConfig(limits, idempotencyWindow, value, clock, maxOwners, maxDocuments);
    }

    public InMemoryConfig withClock(Clock value) {
        return new InMemoryConfig(limits, idempotencyWindow, sandboxReviewDelay, value, maxOwners, maxDocuments);
    }

    public InMemoryConfig withMaxOwners(int value) {
        return new InMemoryConfig(limits, idempotencyWindow, sandboxReviewDelay, clock, value, maxDocuments);
    }

    public InMemoryConfig withMaxDocuments(int value) {
        return new InMemoryConfig(limits, idempotencyWindow, sandboxReviewDelay, clock, maxOwners, value);
    }
}
