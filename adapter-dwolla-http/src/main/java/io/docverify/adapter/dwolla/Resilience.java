package io.docverify.adapter.dwolla;

import io.docverify.adapter.dwolla.DwollaFailure.Kind;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.ErrorCode;
import io.docverify.ports.stream.Completions;
import io.github.resilience4j.bulkhead.Bulkhead;
import io.github.resilience4j.bulkhead.BulkheadConfig;
import io.github.resilience4j.bulkhead.BulkheadRegistry;
import io.github.resilience4j.circuitbreaker.CircuitBreaker;
import io.github.resilience4j.circuitbreaker.CircuitBreakerConfig;
import io.github.resilience4j.circuitbreaker.CircuitBreakerRegistry;
import io.github.resilience4j.core.IntervalFunction;
import io.github.resilience4j.core.functions.Either;
import io.github.resilience4j.micrometer.tagged.TaggedBulkheadMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedCircuitBreakerMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRateLimiterMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedRetryMetrics;
import io.github.resilience4j.micrometer.tagged.TaggedTimeLimiterMetrics;
import io.github.resilience4j.ratelimiter.RateLimiter;
import io.github.resilience4j.ratelimiter.RateLimiterConfig;
import io.github.resilience4j.ratelimiter.RateLimiterRegistry;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import io.github.resilience4j.retry.Retry;
import io.github.resilience4j.retry.RetryConfig;
import io.github.resilience4j.retry.RetryRegistry;
import io.github.resilience4j.timelimiter.TimeLimiter;
import io.github.resilience4j.timelimiter.TimeLimiterConfig;
import io.github.resilience4j.timelimiter.TimeLimiterRegistry;
import io.micrometer.core.instrument.MeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the Resilience4j decorators are built and composed, from {@link DwollaConfig}:
 *
 * <pre>
 *   call     = Retry( attempt )                       exponential backoff with jitter, Retry-After honoured
 *   attempt  = [429 pause, RateLimiter] then CircuitBreaker( TimeLimiter( exchange ) )
 *   upload   = Bulkhead( read file once, then call )  bounds the files held in memory
 * </pre>
 *
 * Nothing here blocks a thread: the rate limiter is asked for a reservation and the attempt is scheduled after
 * it; waits run on one scheduler thread. A 429 pauses every call of the adapter (not only the one that saw it)
 * for its {@code Retry-After}, so the adapter never hammers a rate-limited Dwolla. Resilience4j's own meters are
 * bound to the same registry.
 */
final class Resilience {
    private static final Logger LOG = LoggerFactory.getLogger(Resilience.class);

    private final DwollaConfig config;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final CircuitBreaker circuitBreaker;
    private final RateLimiter rateLimiter;
    private final Retry readRetry;
    private final Retry uploadRetry;
    private final TimeLimiter readLimit;
    private final TimeLimiter uploadLimit;
    private final Bulkhead uploads;
    private final AtomicReference<Instant> pausedUntil = new AtomicReference<>(Instant.EPOCH);

    Resilience(DwollaConfig config, MeterRegistry registry, ScheduledExecutorService scheduler, Clock clock) {
        this.config = config;
        this.scheduler = scheduler;
        this.clock = clock;
        var circuitBreakers = CircuitBreakerRegistry.of(CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(config.circuitWindow())
                .minimumNumberOfCalls(config.circuitMinCalls())
                .failureRateThreshold(config.circuitFailureRate())
                .waitDurationInOpenState(config.circuitOpenDuration())
                .permittedNumberOfCallsInHalfOpenState(config.circuitHalfOpenCalls())
                // Only the host's own trouble counts; a refusal is a healthy Dwolla, a 429 is neither.
                .recordException(t -> Completions.unwrap(t) instanceof DwollaFailure f ? f.hostFailure()
                        : Failures.isTimeout(Completions.unwrap(t)))
                .ignoreException(t -> Completions.unwrap(t) instanceof DwollaFailure f && f.kind() == Kind.RATE_LIMITED)
                .build());
        this.circuitBreaker = circuitBreakers.circuitBreaker(config.host());
        circuitBreaker.getEventPublisher().onStateTransition(e ->
                LOG.warn("event=dwolla.circuit host={} transition={}", config.host(), e.getStateTransition()));

        var rateLimiters = RateLimiterRegistry.of(RateLimiterConfig.custom()
                .limitForPeriod(config.rateLimitPerSecond())
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(config.rateLimitMaxWait())
                .build());
        this.rateLimiter = rateLimiters.rateLimiter(config.host());

        var retries = RetryRegistry.ofDefaults();
        this.readRetry = retries.retry("dwolla-read", retryConfig(false));
        this.uploadRetry = retries.retry("dwolla-upload", retryConfig(true));
        for (Retry retry : new Retry[] {readRetry, uploadRetry}) {
            retry.getEventPublisher().onRetry(e -> LOG.info("event=dwolla.retry retry={} attempt={} waitMs={} code={}",
                    e.getName(), e.getNumberOfRetryAttempts(), e.getWaitInterval().toMillis(),
                    Failures.metricCode(e.getLastThrowable())));
        }

        var limiters = TimeLimiterRegistry.ofDefaults();
        this.readLimit = limiters.timeLimiter("dwolla-read", TimeLimiterConfig.custom()
                .timeoutDuration(config.readTimeout()).cancelRunningFuture(true).build());
        this.uploadLimit = limiters.timeLimiter("dwolla-upload", TimeLimiterConfig.custom()
                .timeoutDuration(config.uploadTimeout()).cancelRunningFuture(true).build());

        var bulkheads = BulkheadRegistry.of(BulkheadConfig.custom()
                .maxConcurrentCalls(config.maxConcurrentUploads())
                .maxWaitDuration(Duration.ZERO) // never block the caller's thread
                .build());
        this.uploads = bulkheads.bulkhead("dwolla-uploads");

        TaggedCircuitBreakerMetrics.ofCircuitBreakerRegistry(circuitBreakers).bindTo(registry);
        TaggedRateLimiterMetrics.ofRateLimiterRegistry(rateLimiters).bindTo(registry);
        TaggedRetryMetrics.ofRetryRegistry(retries).bindTo(registry);
        TaggedTimeLimiterMetrics.ofTimeLimiterRegistry(limiters).bindTo(registry);
        TaggedBulkheadMetrics.ofBulkheadRegistry(bulkheads).bindTo(registry);
    }

    /**
     * One attempt's work. {@code abandoned} turns true once the attempt is over for its caller (the time limit ran
     * out): work that has not been sent yet must not be sent any more.
     */
    @FunctionalInterface
    interface Exchange<T> {
        CompletableFuture<T> run(BooleanSupplier abandoned);
    }

    /** A read (get, list): retried on transport failures, timeouts, 5xx and 429. */
    <T> CompletableFuture<T> read(Exchange<T> exchange) {
        return retried(readRetry, () -> attempt(readLimit, exchange));
    }

    /** The attempts of an upload: also retried on 409 Conflict; the caller keeps the Idempotency-Key. */
    <T> CompletableFuture<T> upload(Exchange<T> exchange) {
        return retried(uploadRetry, () -> attempt(uploadLimit, exchange));
    }

    /** Runs an upload in one of the bulkhead's slots, or refuses it at once when all are taken. */
    <T> CompletableFuture<T> withUploadSlot(Supplier<CompletableFuture<T>> upload) {
        Supplier<CompletionStage<T>> widened = upload::get;
        return Bulkhead.decorateCompletionStage(uploads, widened).get().toCompletableFuture();
    }

    CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    private <T> CompletableFuture<T> retried(Retry retry, Supplier<CompletableFuture<T>> attempt) {
        Supplier<CompletionStage<T>> widened = () -> guard(attempt);
        return Retry.decorateCompletionStage(retry, scheduler, widened).get().toCompletableFuture();
    }

    /** One attempt: wait out a 429 pause and the rate limiter, then the circuit breaker and the time limit. */
    private <T> CompletableFuture<T> attempt(TimeLimiter limit, Exchange<T> exchange) {
        Duration paused = Duration.between(clock.instant(), pausedUntil.get());
        if (paused.compareTo(config.maxRetryAfter()) > 0) {
            // Dwolla asked for a longer pause than a call may wait: fail now, without a request.
            return CompletableFuture.failedFuture(new DwollaFailure(DocumentError.of(ErrorCode.TOO_MANY_REQUESTS,
                    "Dwolla rate-limits docverify for another " + paused.toSeconds() + " s."), Kind.RATE_LIMITED,
                    Optional.of(paused), null));
        }
        long permitNanos = rateLimiter.reservePermission();
        if (permitNanos < 0) {
            return CompletableFuture.failedFuture(RequestNotPermitted.createRequestNotPermitted(rateLimiter));
        }
        long delayNanos = Math.max(permitNanos, paused.isNegative() ? 0 : paused.toNanos());
        Supplier<CompletionStage<T>> limited = () -> limit.executeCompletionStage(scheduler, () -> abandonable(exchange));
        Supplier<CompletionStage<T>> guarded = CircuitBreaker.decorateCompletionStage(circuitBreaker, limited);
        CompletableFuture<T> result;
        if (delayNanos <= 0) {
            result = guarded.get().toCompletableFuture();
        } else {
            result = new CompletableFuture<>();
            CompletableFuture<T> later = result;
            scheduler.schedule(() -> guarded.get().whenComplete((v, e) -> {
                if (e != null) {
                    later.completeExceptionally(e);
                } else {
                    later.complete(v);
                }
            }), delayNanos, TimeUnit.NANOSECONDS);
        }
        return result.whenComplete((v, e) -> {
            if (e != null && Completions.unwrap(e) instanceof DwollaFailure f && f.kind() == Kind.RATE_LIMITED) {
                Instant until = clock.instant().plus(f.retryAfter().orElse(config.retryInitialBackoff()));
                pausedUntil.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
            }
        });
    }

    private RetryConfig retryConfig(boolean upload) {
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(config.retryInitialBackoff(),
                config.retryMultiplier(), config.retryJitter(), config.retryMaxBackoff());
        return RetryConfig.custom()
                .maxAttempts(config.maxAttempts())
                .retryOnException(t -> retryable(Completions.unwrap(t), upload))
                .intervalBiFunction((Integer attempt, Either<Throwable, Object> outcome) -> {
                    long wait = backoff.apply(attempt);
                    if (outcome.isLeft() && Completions.unwrap(outcome.getLeft()) instanceof DwollaFailure f
                            && f.retryAfter().isPresent()) {
                        Duration asked = f.retryAfter().get();
                        if (asked.compareTo(config.maxRetryAfter()) > 0) {
                            return -1L; // longer than a call may wait: give up now with TooManyRequests
                        }
                        wait = Math.max(wait, asked.toMillis());
                    }
                    return wait;
                })
                .build();
    }

    private static boolean retryable(Throwable t, boolean upload) {
        if (t instanceof DwollaFailure f) {
            return switch (f.kind()) {
                case TRANSIENT, RATE_LIMITED -> true;
                case CONFLICT -> upload;
                case FINAL, TOKEN_REJECTED -> false;
            };
        }
        return t instanceof TimeoutException;
    }

    /**
     * Runs the exchange and returns a future of its own, which the time limiter completes when time runs out;
     * from then on the exchange sees itself abandoned.
     */
    private static <T> CompletableFuture<T> abandonable(Exchange<T> exchange) {
        CompletableFuture<T> outcome = new CompletableFuture<>();
        guard(() -> exchange.run(outcome::isDone)).whenComplete((value, error) -> {
            if (error != null) {
                outcome.completeExceptionally(error);
            } else {
                outcome.complete(value);
            }
        });
        return outcome;
    }

    /** A supplier that throws becomes a failed future, so no decorator sees a thrown exception. */
    private static <T> CompletableFuture<T> guard(Supplier<CompletableFuture<T>> supplier) {
        try {
            return supplier.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
