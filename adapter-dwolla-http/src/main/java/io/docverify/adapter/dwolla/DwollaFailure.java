package io.docverify.adapter.dwolla;

import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.ErrorCode;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * A failed exchange with Dwolla, classified for the resilience decorators: whether another attempt may help
 * and how long to wait before it. Lives only inside the adapter; callers get the {@link DocumentError} as a
 * {@link io.docverify.domain.error.DocumentException}.
 */
final class DwollaFailure extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** What kind of failure, as far as retrying is concerned. */
    enum Kind {
        /** Dwolla answered definitively (a 4xx refusal, a protocol error): another attempt gives the same. */
        FINAL,
        /** 5xx, unreachable, reset, timed out: another attempt may succeed. For an upload, it may have been processed. */
        TRANSIENT,
        /** 429: wait ({@code Retry-After} when given), then try again. */
        RATE_LIMITED,
        /** 409: a request with the same Idempotency-Key is still being processed; wait it out. */
        CONFLICT,
        /** 401 with an expired, invalid or no token: renew the token and replay once. */
        TOKEN_REJECTED
    }

    private final transient DocumentError error;
    private final Kind kind;
    private final transient Optional<Duration> retryAfter;

    DwollaFailure(DocumentError error, Kind kind, Optional<Duration> retryAfter, Throwable cause) {
        super(Objects.requireNonNull(error, "error").toString(), cause, false, false);
        this.error = error;
        this.kind = Objects.requireNonNull(kind, "kind");
        this.retryAfter = Objects.requireNonNull(retryAfter, "retryAfter");
    }

    static DwollaFailure of(DocumentError error, Kind kind) {
        return new DwollaFailure(error, kind, Optional.empty(), null);
    }

    static DwollaFailure protocol(String message) {
        return of(DocumentError.of(ErrorCode.PROTOCOL_ERROR, message), Kind.FINAL);
    }

    static DwollaFailure protocol(String message, Throwable cause) {
        return new DwollaFailure(DocumentError.of(ErrorCode.PROTOCOL_ERROR, message), Kind.FINAL, Optional.empty(),
                cause);
    }

    DocumentError error() {
        return error;
    }

    Kind kind() {
        return kind;
    }

    Optional<Duration> retryAfter() {
        return retryAfter;
    }

    /** 5xx, unreachable or timed out: the host itself is in trouble (the circuit breaker counts these). */
    boolean hostFailure() {
        return kind == Kind.TRANSIENT;
    }
}
