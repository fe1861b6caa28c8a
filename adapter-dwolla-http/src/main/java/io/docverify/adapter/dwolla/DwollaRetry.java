package io.docverify.adapter.dwolla;

import java.time.Duration;

/**
 * How the Dwolla adapter retries (Resilience4j's {@code RetryConfig} with an exponential random backoff), and
 * how long a {@code Retry-After} it waits out. Errors name the knob as {@link DwollaConfig.Builder} does.
 *
 * @param maxAttempts    attempts per call, the first included; 1: no retry ({@code MAX_ATTEMPTS}; default 5)
 * @param initialBackoff wait before the second attempt; grows by {@code multiplier} after
 *                       ({@code retryInitialBackoff}, {@code RETRY_INITIAL_BACKOFF}; default 500 ms)
 * @param multiplier     growth of the wait between attempts, at least 1 ({@code retryMultiplier},
 *                       {@code RETRY_MULTIPLIER}; default 2)
 * @param jitter         randomisation of each wait, 0 (none) to below 1 (plus or minus that fraction)
 *                       ({@code retryJitter}, {@code RETRY_JITTER}; default 0.5)
 * @param maxBackoff     longest wait between two attempts, not below {@code initialBackoff}
 *                       ({@code retryMaxBackoff}, {@code RETRY_MAX_BACKOFF}; default 30 s)
 * @param maxRetryAfter  longest {@code Retry-After} (or 429 pause) waited out inside one call; a longer one fails
 *                       the call with {@code TooManyRequests} at once ({@code MAX_RETRY_AFTER}; default 60 s)
 */
public record DwollaRetry(int maxAttempts, Duration initialBackoff, double multiplier, double jitter,
        Duration maxBackoff, Duration maxRetryAfter) {
    /** The documented defaults. */
    public static final DwollaRetry DEFAULTS = new DwollaRetry(5, Duration.ofMillis(500), 2.0, 0.5,
            Duration.ofSeconds(30), Duration.ofSeconds(60));

    public DwollaRetry {
        if (maxAttempts < 1) {
            throw new IllegalArgumentException("maxAttempts must be at least 1: " + maxAttempts);
        }
        ConfigChecks.positive(initialBackoff, "retryInitialBackoff");
        if (!(multiplier >= 1.0)) {
            throw new IllegalArgumentException("retryMultiplier must be at least 1: " + multiplier);
        }
        if (!(jitter >= 0.0 && jitter < 1.0)) {
            throw new IllegalArgumentException("retryJitter must be in [0, 1): " + jitter);
        }
        ConfigChecks.positive(maxBackoff, "retryMaxBackoff");
        if (maxBackoff.compareTo(initialBackoff) < 0) {
            throw new IllegalArgumentException("retryMaxBackoff must not be below retryInitialBackoff");
        }
        ConfigChecks.notNegative(maxRetryAfter, "maxRetryAfter");
    }
}
