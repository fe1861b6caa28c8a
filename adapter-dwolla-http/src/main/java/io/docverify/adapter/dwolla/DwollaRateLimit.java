package io.docverify.adapter.dwolla;

import java.time.Duration;

/**
 * docverify's own limit of requests to Dwolla (Resilience4j's {@code RateLimiterConfig}, one-second periods),
 * shared by every operation. Errors name the knob as {@link DwollaConfig.Builder} does.
 *
 * @param perSecond requests started per second ({@code rateLimitPerSecond}, {@code RATE_LIMIT_PER_SECOND};
 *                  default 20)
 * @param maxWait   longest wait for a permit; beyond it the call fails with {@code TooManyRequests}
 *                  ({@code rateLimitMaxWait}, {@code RATE_LIMIT_MAX_WAIT}; default 5 s)
 */
public record DwollaRateLimit(int perSecond, Duration maxWait) {
    /** The documented defaults. */
    public static final DwollaRateLimit DEFAULTS = new DwollaRateLimit(20, Duration.ofSeconds(5));

    public DwollaRateLimit {
        ConfigChecks.atLeastOne(perSecond, "rateLimitPerSecond");
        ConfigChecks.notNegative(maxWait, "rateLimitMaxWait");
    }
}
