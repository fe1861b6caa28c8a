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
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;
import java.util.function.UnaryOperator;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one place where the Resilience4j decorators are built (each from its group of {@link DwollaConfig}) and
 * composed. A call passes them in this order, outermost first ({@link #call} lists them so):
 *
 * <pre>
 *   [Bulkhead]     uploads only, around reading the file once and the whole call ({@link #withUploadSlot}):
 *                  bounds the files held in memory; a full bulkhead refuses at once, it never queues
 *   Retry          every attempt below again, after an exponential backoff with jitter, or Dwolla's Retry-After
 *   throttle       per attempt: waits out a 429 pause and a rate-limiter permit, or fails at once when either is
 *                  longer than a call may wait; the wait is scheduled, never a blocked thread
 *   note 429       a 429 answer pauses every call of the adapter (not only this one) for its Retry-After
 *   CircuitBreaker per Dwolla host: counts the host's own trouble (5xx, unreachable, timeouts) and refuses when open
 *   TimeLimiter    per attempt (read or upload limit): on time out the exchange is abandoned, so what was not sent
 *                  yet is not sent any more
 *   exchange       the HTTP request of one attempt
 * </pre>
 *
 * Why this order: a retry is a new attempt, so each attempt is throttled, counted by the breaker and timed on its
 * own; the throttle sits outside the breaker and the time limit, so that waiting for a permit neither counts as a
 * call nor eats the attempt's time. The throttle is hand-made for one reason: never block a thread.
 * Resilience4j's {@code RateLimiter.decorateCompletionStage} waits for its permit on the calling thread (a Vert.x
 * event loop here), and Resilience4j has no pause shared by every call; so the limiter is asked for a reservation
 * and the attempt is scheduled after it (and after any 429 pause) on the adapter's scheduler thread. A step for
 * every attempt (a trace span, say) goes right inside {@code Retry} in {@link #call}. Resilience4j's own meters are
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
        var circuitBreakers = CircuitBreakerRegistry.of(circuitBreakerConfig(config.circuitBreaker()));
        this.circuitBreaker = circuitBreakers.circuitBreaker(config.host());
        circuitBreaker.getEventPublisher().onStateTransition(e ->
                LOG.warn("event=dwolla.circuit host={} transition={}", config.host(), e.getStateTransition()));

        var rateLimiters = RateLimiterRegistry.of(rateLimiterConfig(config.rateLimit()));
        this.rateLimiter = rateLimiters.rateLimiter(config.host());

        var retries = RetryRegistry.ofDefaults();
        this.readRetry = retries.retry("dwolla-read", retryConfig(config.retry(), false));
        this.uploadRetry = retries.retry("dwolla-upload", retryConfig(config.retry(), true));
        for (Retry retry : new Retry[] {readRetry, uploadRetry}) {
            retry.getEventPublisher().onRetry(e -> LOG.info("event=dwolla.retry retry={} attempt={} waitMs={} code={}",
                    e.getName(), e.getNumberOfRetryAttempts(), e.getWaitInterval().toMillis(),
                    Failures.metricCode(e.getLastThrowable())));
        }

        var limiters = TimeLimiterRegistry.ofDefaults();
        this.readLimit = limiters.timeLimiter("dwolla-read", timeLimiterConfig(config.timeouts().read()));
        this.uploadLimit = limiters.timeLimiter("dwolla-upload", timeLimiterConfig(config.timeouts().upload()));

        var bulkheads = BulkheadRegistry.of(bulkheadConfig(config.bulkhead()));
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
        return call(readRetry, readLimit, exchange);
    }

    /** The attempts of an upload: also retried on 409 Conflict; the caller keeps the Idempotency-Key. */
    <T> CompletableFuture<T> upload(Exchange<T> exchange) {
        return call(uploadRetry, uploadLimit, exchange);
    }

    /** Runs an upload in one of the bulkhead's slots, or refuses it at once when all are taken. */
    <T> CompletableFuture<T> withUploadSlot(Supplier<CompletableFuture<T>> upload) {
        Supplier<CompletionStage<T>> widened = upload::get;
        return Bulkhead.decorateCompletionStage(uploads, widened).get().toCompletableFuture();
    }

    CircuitBreaker circuitBreaker() {
        return circuitBreaker;
    }

    /** A decorator of the asynchronous work inside it. */
    private interface Decorator<T> extends UnaryOperator<Supplier<CompletionStage<T>>> {
    }

    /** The composition of a call, outermost decorator first: the order of the class comment. */
    private <T> CompletableFuture<T> call(Retry retry, TimeLimiter limit, Exchange<T> exchange) {
        List<Decorator<T>> outermostFirst = List.of(
                retried(retry),
                throttled(),
                pausingEveryCallOn429(),
                circuitBroken(),
                timeLimited(limit));
        Supplier<CompletionStage<T>> call = () -> abandonable(exchange);
        for (int i = outermostFirst.size() - 1; i >= 0; i--) {
            call = outermostFirst.get(i).apply(call);
        }
        return call.get().toCompletableFuture();
    }

    /** Retry: each attempt runs the decorators inside; a thrown exception counts as a failed attempt. */
    private <T> Decorator<T> retried(Retry retry) {
        return attempt -> Retry.decorateCompletionStage(retry, scheduler, () -> guard(attempt));
    }

    /**
     * The throttle: the 429 pause and a rate-limiter permit, waited out together (the longer of the two) by
     * scheduling the attempt, never by blocking; a pause longer than {@code maxRetryAfter} or no permit within
     * {@code rateLimitMaxWait} fails the attempt at once, without a request.
     */
    private <T> Decorator<T> throttled() {
        return next -> () -> {
            Duration paused = Duration.between(clock.instant(), pausedUntil.get());
            if (paused.compareTo(config.retry().maxRetryAfter()) > 0) {
                return CompletableFuture.failedFuture(new DwollaFailure(DocumentError.of(ErrorCode.TOO_MANY_REQUESTS,
                        "Dwolla rate-limits docverify for another " + paused.toSeconds() + " s."), Kind.RATE_LIMITED,
                        Optional.of(paused), null));
            }
            long permitNanos = rateLimiter.reservePermission();
            if (permitNanos < 0) {
                return CompletableFuture.failedFuture(RequestNotPermitted.createRequestNotPermitted(rateLimiter));
            }
            long delayNanos = Math.max(permitNanos, paused.isNegative() ? 0 : paused.toNanos());
            if (delayNanos <= 0) {
                return next.get();
            }
            CompletableFuture<T> later = new CompletableFuture<>();
            scheduler.schedule(() -> next.get().whenComplete((v, e) -> {
                if (e != null) {
                    later.completeExceptionally(e);
                } else {
                    later.complete(v);
                }
            }), delayNanos, TimeUnit.NANOSECONDS);
            return later;
        };
    }

    /** A 429 answer pauses every call of the adapter for its Retry-After (or the initial backoff). */
    private <T> Decorator<T> pausingEveryCallOn429() {
        return next -> () -> next.get().whenComplete((v, e) -> {
            if (e != null && Completions.unwrap(e) instanceof DwollaFailure f && f.kind() == Kind.RATE_LIMITED) {
                Instant until = clock.instant().plus(f.retryAfter().orElse(config.retry().initialBackoff()));
                pausedUntil.accumulateAndGet(until, (a, b) -> a.isAfter(b) ? a : b);
            }
        });
    }

    private <T> Decorator<T> circuitBroken() {
        return next -> CircuitBreaker.decorateCompletionStage(circuitBreaker, next);
    }

    private <T> Decorator<T> timeLimited(TimeLimiter limit) {
        return next -> () -> limit.executeCompletionStage(scheduler, next);
    }

    private static CircuitBreakerConfig circuitBreakerConfig(DwollaCircuitBreaker c) {
        return CircuitBreakerConfig.custom()
                .slidingWindowType(CircuitBreakerConfig.SlidingWindowType.COUNT_BASED)
                .slidingWindowSize(c.window())
                .minimumNumberOfCalls(c.minCalls())
                .failureRateThreshold(c.failureRate())
                .waitDurationInOpenState(c.openDuration())
                .permittedNumberOfCallsInHalfOpenState(c.halfOpenCalls())
                // Only the host's own trouble counts; a refusal is a healthy Dwolla, a 429 is neither.
                .recordException(t -> Completions.unwrap(t) instanceof DwollaFailure f ? f.hostFailure()
                        : Failures.isTimeout(Completions.unwrap(t)))
                .ignoreException(t -> Completions.unwrap(t) instanceof DwollaFailure f && f.kind() == Kind.RATE_LIMITED)
                .build();
    }

    private static RateLimiterConfig rateLimiterConfig(DwollaRateLimit r) {
        return RateLimiterConfig.custom()
                .limitForPeriod(r.perSecond())
                .limitRefreshPeriod(Duration.ofSeconds(1))
                .timeoutDuration(r.maxWait())
                .build();
    }

    private static RetryConfig retryConfig(DwollaRetry r, boolean upload) {
        IntervalFunction backoff = IntervalFunction.ofExponentialRandomBackoff(r.initialBackoff(), r.multiplier(),
                r.jitter(), r.maxBackoff());
        return RetryConfig.custom()
                .maxAttempts(r.maxAttempts())
                .retryOnException(t -> retryable(Completions.unwrap(t), upload))
                .intervalBiFunction((Integer attempt, Either<Throwable, Object> outcome) -> {
                    long wait = backoff.apply(attempt);
                    if (outcome.isLeft() && Completions.unwrap(outcome.getLeft()) instanceof DwollaFailure f
                            && f.retryAfter().isPresent()) {
                        Duration asked = f.retryAfter().get();
                        if (asked.compareTo(r.maxRetryAfter()) > 0) {
                            return -1L; // longer than a call may wait: give up now with TooManyRequests
                        }
                        wait = Math.max(wait, asked.toMillis());
                    }
                    return wait;
                })
                .build();
    }

    private static TimeLimiterConfig timeLimiterConfig(Duration limit) {
        return TimeLimiterConfig.custom().timeoutDuration(limit).cancelRunningFuture(true).build();
    }

    private static BulkheadConfig bulkheadConfig(DwollaBulkhead b) {
        return BulkheadConfig.custom()
                .maxConcurrentCalls(b.maxConcurrentUploads())
                .maxWaitDuration(Duration.ZERO) // never block the caller's thread
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
    private static <T> CompletionStage<T> guard(Supplier<? extends CompletionStage<T>> supplier) {
        try {
            return supplier.get();
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }
}
