package io.docverify.adapter.dwolla;

import io.docverify.adapter.dwolla.DwollaFailure.Kind;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.ports.stream.Completions;
import io.github.resilience4j.bulkhead.BulkheadFullException;
import io.github.resilience4j.circuitbreaker.CallNotPermittedException;
import io.github.resilience4j.ratelimiter.RequestNotPermitted;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeoutException;

/** Classifies what can go wrong in a call, and turns it into the caller's typed error at the edge. */
final class Failures {
    private Failures() {
    }

    /** A transport failure (no HTTP answer): unreachable, reset, closed, timed out. Always worth another attempt. */
    static DwollaFailure transport(Throwable t) {
        Throwable cause = Completions.unwrap(t);
        if (cause instanceof DwollaFailure f) {
            return f;
        }
        if (isTimeout(cause)) {
            return new DwollaFailure(DocumentError.of(ErrorCode.REQUEST_TIMEOUT,
                    "Dwolla did not answer in time."), Kind.TRANSIENT, java.util.Optional.empty(), cause);
        }
        return new DwollaFailure(DocumentError.of(ErrorCode.SERVICE_UNAVAILABLE,
                "Dwolla is unreachable: " + cause.getClass().getSimpleName()), Kind.TRANSIENT,
                java.util.Optional.empty(), cause);
    }

    /**
     * Whether a failure is a timeout, by type: {@link TimeoutException} (Resilience4j's time limiter and Vert.x's
     * request timeout, {@code NoStackTraceTimeoutException}, which extends it), the JDK's
     * {@link java.net.SocketTimeoutException}, and Netty's connect timeout and read/write timeouts.
     */
    static boolean isTimeout(Throwable t) {
        return t instanceof TimeoutException
                || t instanceof java.net.SocketTimeoutException
                || t instanceof io.netty.channel.ConnectTimeoutException
                || t instanceof io.netty.handler.timeout.TimeoutException;
    }

    /** The failure as the caller sees it: a {@link DocumentException} with Dwolla's (or docverify's) code. */
    static Throwable toCallerError(Throwable t) {
        Throwable cause = Completions.unwrap(t);
        if (cause instanceof DocumentException) {
            return cause;
        }
        if (cause instanceof DwollaFailure f) {
            // Dwolla's Retry-After travels on with the error, for the caller's own retry (gRPC's RetryInfo).
            return new DocumentException(f.error().withRetryAfter(f.retryAfter()), f.getCause());
        }
        if (cause instanceof CallNotPermittedException) {
            return new DocumentException(DocumentError.of(ErrorCode.SERVICE_UNAVAILABLE,
                    "Dwolla is failing; the circuit breaker refuses calls for a while."));
        }
        if (cause instanceof BulkheadFullException) {
            return new DocumentException(DocumentError.of(ErrorCode.TOO_MANY_REQUESTS,
                    "Too many uploads to Dwolla in progress (DWOLLA_MAX_CONCURRENT_UPLOADS); back off and retry."));
        }
        if (cause instanceof RejectedExecutionException) {
            return closed();
        }
        if (cause instanceof RequestNotPermitted) {
            return new DocumentException(DocumentError.of(ErrorCode.TOO_MANY_REQUESTS,
                    "docverify's own rate limit for Dwolla is exhausted; back off."));
        }
        if (isTimeout(cause)) {
            return new DocumentException(DocumentError.of(ErrorCode.REQUEST_TIMEOUT,
                    "Dwolla did not answer within the time limit."));
        }
        return cause; // a bug, not a refusal: passed on unchanged
    }

    /** A call on (or still running in) a closed provider. */
    static DocumentException closed() {
        return new DocumentException(DocumentError.of(ErrorCode.SERVICE_UNAVAILABLE,
                "The Dwolla provider is closed."));
    }

    /** The Dwolla code of an outcome, for metric tags: canonical spellings only. */
    static String metricCode(Throwable error) {
        Throwable t = toCallerError(error);
        return t instanceof DocumentException e ? e.code().wire() : "internal";
    }
}
