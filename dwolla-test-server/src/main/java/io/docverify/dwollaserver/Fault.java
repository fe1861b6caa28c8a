package io.docverify.dwollaserver;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * One misbehaviour of the server, queued on a route with {@link FaultPlan#on}. Faults either replace the answer
 * without processing the request (nothing is created), or process it normally and then spoil the answer; each
 * factory says which. Faulted answers are deliberately outside Dwolla's contract and are not OpenAPI-checked
 * (the request still is).
 */
public sealed interface Fault {

    /** True when the request is processed (a create creates its document) before the fault applies. */
    boolean processes();

    /**
     * Answers {@code status} with a Dwolla-shaped error body ({@code {"code","message"}}, HAL content type),
     * without processing the request: 500 {@code ServerError}, 502 {@code BadGateway}, 503
     * {@code ServiceUnavailable}, 504 {@code RequestTimeout}, 429 {@code TooManyRequests}, 409 {@code Conflict},
     * others {@code ServerError}.
     */
    static Fault status(int status) {
        return new Status(status, Optional.empty(), Optional.empty());
    }

    /** Answers {@code status} with exactly this body and content type, without processing the request. */
    static Fault status(int status, String body, String contentType) {
        return new Status(status, Optional.of(body), Optional.of(contentType));
    }

    /**
     * 429 with {@code Retry-After} (whole seconds, rounded up) and {@code {"code":"TooManyRequests",...}},
     * without processing the request.
     */
    static Fault tooManyRequests(Duration retryAfter) {
        return new TooManyRequests(retryAfter);
    }

    /**
     * Resets the connection (TCP RST) as the request arrives: a create is reset after its first body bytes,
     * mid-upload. Nothing is processed or created.
     */
    static Fault resetBeforeProcessing() {
        return ResetBeforeProcessing.INSTANCE;
    }

    /** Processes the request (a create creates its document), then resets the connection: a lost response. */
    static Fault resetAfterProcessing() {
        return ResetAfterProcessing.INSTANCE;
    }

    /**
     * A slow server: processes the request at once (a create creates its document), then holds the normal answer
     * back for {@code delay}. A client that gives up earlier has lost the response of a processed request.
     */
    static Fault delay(Duration delay) {
        return new Delay(delay);
    }

    /**
     * Processes the request, then answers 200 with the HAL content type and a truncated JSON body (on a create,
     * instead of the 201: the document was created).
     */
    static Fault malformedJson() {
        return MalformedJson.INSTANCE;
    }

    /** Processes a create and answers 201 without a {@code Location} header. On other routes: answers normally. */
    static Fault dropLocationHeader() {
        return DropLocationHeader.INSTANCE;
    }

    /**
     * 409 {@code {"code":"Conflict",...}} as Dwolla answers while a request with the same idempotency key is still
     * being processed; the request is not processed.
     */
    static Fault conflict() {
        return Conflict.INSTANCE;
    }

    /** See {@link Fault#status(int)}. */
    record Status(int status, Optional<String> body, Optional<String> contentType) implements Fault {
        public Status {
            if (status < 100 || status > 599) {
                throw new IllegalArgumentException("not an HTTP status: " + status);
            }
            Objects.requireNonNull(body, "body");
            Objects.requireNonNull(contentType, "contentType");
        }

        @Override
        public boolean processes() {
            return false;
        }
    }

    /** See {@link Fault#tooManyRequests(Duration)}. */
    record TooManyRequests(Duration retryAfter) implements Fault {
        public TooManyRequests {
            Objects.requireNonNull(retryAfter, "retryAfter");
            if (retryAfter.isNegative()) {
                throw new IllegalArgumentException("retryAfter must not be negative");
            }
        }

        /** The {@code Retry-After} value: whole seconds, rounded up. */
        public long retryAfterSeconds() {
            long seconds = retryAfter.getSeconds();
            return retryAfter.getNano() > 0 ? seconds + 1 : seconds;
        }

        @Override
        public boolean processes() {
            return false;
        }
    }

    /** See {@link Fault#delay(Duration)}. */
    record Delay(Duration delay) implements Fault {
        public Delay {
            Objects.requireNonNull(delay, "delay");
            if (delay.isNegative()) {
                throw new IllegalArgumentException("delay must not be negative");
            }
        }

        @Override
        public boolean processes() {
            return true;
        }
    }

    /** See {@link Fault#resetBeforeProcessing()}. */
    enum ResetBeforeProcessing implements Fault {
        INSTANCE;

        @Override
        public boolean processes() {
            return false;
        }
    }

    /** See {@link Fault#resetAfterProcessing()}. */
    enum ResetAfterProcessing implements Fault {
        INSTANCE;

        @Override
        public boolean processes() {
            return true;
        }
    }

    /** See {@link Fault#malformedJson()}. */
    enum MalformedJson implements Fault {
        INSTANCE;

        @Override
        public boolean processes() {
            return true;
        }
    }

    /** See {@link Fault#dropLocationHeader()}. */
    enum DropLocationHeader implements Fault {
        INSTANCE;

        @Override
        public boolean processes() {
            return true;
        }
    }

    /** See {@link Fault#conflict()}. */
    enum Conflict implements Fault {
        INSTANCE;

        @Override
        public boolean processes() {
            return false;
        }
    }
}
