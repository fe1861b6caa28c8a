package io.docverify.adapter.dwolla;

import java.time.Duration;

/**
 * The Dwolla adapter's circuit breaker, one per Dwolla host (Resilience4j's {@code CircuitBreakerConfig} with a
 * count-based sliding window). Errors name the knob as {@link DwollaConfig.Builder} does.
 *
 * @param failureRate   failure percentage (5xx, unreachable, timeouts) that opens the circuit, in (0, 100]
 *                      ({@code circuitFailureRate}, {@code CIRCUIT_FAILURE_RATE}; default 50)
 * @param window        calls in the sliding window ({@code circuitWindow}, {@code CIRCUIT_WINDOW}; default 20)
 * @param minCalls      calls needed before the failure rate counts ({@code circuitMinCalls},
 *                      {@code CIRCUIT_MIN_CALLS}; default 10)
 * @param openDuration  how long an open circuit refuses calls before it lets a few through
 *                      ({@code circuitOpenDuration}, {@code CIRCUIT_OPEN_DURATION}; default 30 s)
 * @param halfOpenCalls trial calls in the half-open state ({@code circuitHalfOpenCalls},
 *                      {@code CIRCUIT_HALF_OPEN_CALLS}; default 3)
 */
public record DwollaCircuitBreaker(float failureRate, int window, int minCalls, Duration openDuration,
        int halfOpenCalls) {
    /** The documented defaults. */
    public static final DwollaCircuitBreaker DEFAULTS = new DwollaCircuitBreaker(50f, 20, 10, Duration.ofSeconds(30), 3);

    public DwollaCircuitBreaker {
        if (!(failureRate > 0 && failureRate <= 100)) {
            throw new IllegalArgumentException("circuitFailureRate must be in (0, 100]: " + failureRate);
        }
        ConfigChecks.atLeastOne(window, "circuitWindow");
        ConfigChecks.atLeastOne(minCalls, "circuitMinCalls");
        ConfigChecks.positive(openDuration, "circuitOpenDuration");
        ConfigChecks.atLeastOne(halfOpenCalls, "circuitHalfOpenCalls");
    }
}
