package io.docverify.grpc.error;

import com.google.protobuf.Any;
import com.google.rpc.BadRequest;
import com.google.rpc.ErrorInfo;
import com.google.rpc.RetryInfo;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.error.FieldError;
import io.docverify.ports.out.StoreUnavailableException;
import io.docverify.ports.stream.Completions;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.Collections;
import java.util.EnumMap;
import java.util.Map;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;

/**
 * The one mapping from docverify's errors to gRPC: a status code per {@link ErrorCode} ({@link #TABLE}), and a
 * {@code google.rpc.ErrorInfo} detail whose {@code reason} is the Dwolla code, with {@code domain}
 * {@value #DOMAIN} and metadata: {@code fieldPaths} (validation errors, comma-separated JSON pointers such as
 * {@code /documentType}), {@code existingDocumentId} ({@code DuplicateResource}) and {@code dwollaCode} (the code
 * as Dwolla spelled it, when that differs from the canonical spelling) and {@code rule} (the name of the upload
 * rule that refused, such as {@code fileKindAllowed}; absent when the rule is unknown, as for a refusal that came
 * back from Dwolla's HTTP answer). Validation errors also carry a
 * {@code google.rpc.BadRequest} with one field violation per field error.
 *
 * <p>The errors worth retrying ({@code TooManyRequests}, {@code Conflict} and every UNAVAILABLE row, see
 * {@link #retryable}) also carry a {@code google.rpc.RetryInfo} whose {@code retry_delay} is Dwolla's
 * {@code Retry-After} when Dwolla gave one, else {@link #DEFAULT_RETRY_DELAY}; the same delay goes in the
 * {@value #PUSHBACK_TRAILER} trailer, which a gRPC channel with a retry policy (the service config in
 * {@code docverify/v1/service_config.json}) honours as server pushback.
 */
public final class ErrorMapping {
    /** The {@code ErrorInfo.domain} of every docverify error. */
    public static final String DOMAIN = "docverify";

    /** The retry delay of a retryable error when nobody said how long to wait. */
    public static final Duration DEFAULT_RETRY_DELAY = Duration.ofSeconds(1);

    /** gRPC's server-pushback trailer (gRFC A6): milliseconds before a channel's next attempt. */
    public static final String PUSHBACK_TRAILER = "grpc-retry-pushback-ms";

    private static final Metadata.Key<String> PUSHBACK =
            Metadata.Key.of(PUSHBACK_TRAILER, Metadata.ASCII_STRING_MARSHALLER);

    /**
     * The status code of each error code. Most rows follow from the code's own meaning ({@code NotFound} ->
     * NOT_FOUND, {@code DuplicateResource} -> ALREADY_EXISTS, validation and file checks -> INVALID_ARGUMENT,
     * {@code RequestTimeout} -> DEADLINE_EXCEEDED, {@code ServiceUnavailable} -> UNAVAILABLE); the others are
     * chosen as the gRPC status guide suggests, by what a client should do next:
     * <ul>
     *   <li>{@code Conflict} (the same idempotency key is still being processed) -> ABORTED: retry shortly.
     *   <li>{@code TooManyRequests} -> RESOURCE_EXHAUSTED, Dwolla's rate limit: back off.
     *   <li>{@code IdempotencyKeyReused} -> INVALID_ARGUMENT: the request must change (a new key).
     *   <li>{@code ProtocolError}, {@code UnsupportedRequestContentType} -> INTERNAL: docverify and Dwolla
     *       disagree; retrying will not help.
     *   <li>docverify's own Dwolla credentials ({@code InvalidCredentials}, {@code InvalidAccessToken}) ->
     *       INTERNAL, never UNAUTHENTICATED, which would blame the caller's API key; {@code ExpiredAccessToken}
     *       -> UNAVAILABLE, as a retry gets a fresh token.
     *   <li>{@code ServerError} (Dwolla failed) -> UNAVAILABLE: retry with backoff and the same idempotency key.
     *   <li>{@code Forbidden} -> PERMISSION_DENIED, like {@code notAuthorized}; {@code BadRequest} ->
     *       INVALID_ARGUMENT, like validation.
     *   <li>a code docverify does not know -> UNKNOWN, with the code kept as the reason.
     * </ul>
     */
    public static final Map<ErrorCode, Status.Code> TABLE = Collections.unmodifiableMap(table());

    private ErrorMapping() {
    }

    private static EnumMap<ErrorCode, Status.Code> table() {
        var t = new EnumMap<ErrorCode, Status.Code>(ErrorCode.class);
        t.put(ErrorCode.NOT_FOUND, Status.Code.NOT_FOUND);
        t.put(ErrorCode.INVALID_RESOURCE_STATE, Status.Code.FAILED_PRECONDITION);
        t.put(ErrorCode.NOT_AUTHORIZED, Status.Code.PERMISSION_DENIED);
        t.put(ErrorCode.FORBIDDEN, Status.Code.PERMISSION_DENIED);
        t.put(ErrorCode.INVALID_FILE_TYPE, Status.Code.INVALID_ARGUMENT);
        t.put(ErrorCode.FILE_TOO_LARGE, Status.Code.INVALID_ARGUMENT);
        t.put(ErrorCode.MAXIMUM_NUMBER_OF_RESOURCES, Status.Code.RESOURCE_EXHAUSTED);
        t.put(ErrorCode.DUPLICATE_RESOURCE, Status.Code.ALREADY_EXISTS);
        t.put(ErrorCode.VALIDATION_ERROR, Status.Code.INVALID_ARGUMENT);
        t.put(ErrorCode.BAD_REQUEST, Status.Code.INVALID_ARGUMENT);
        t.put(ErrorCode.CONFLICT, Status.Code.ABORTED);
        t.put(ErrorCode.TOO_MANY_REQUESTS, Status.Code.RESOURCE_EXHAUSTED);
        t.put(ErrorCode.INVALID_ACCESS_TOKEN, Status.Code.INTERNAL);
        t.put(ErrorCode.EXPIRED_ACCESS_TOKEN, Status.Code.UNAVAILABLE);
        t.put(ErrorCode.INVALID_CREDENTIALS, Status.Code.INTERNAL);
        t.put(ErrorCode.UNSUPPORTED_REQUEST_CONTENT_TYPE, Status.Code.INTERNAL);
        t.put(ErrorCode.SERVER_ERROR, Status.Code.UNAVAILABLE);
        t.put(ErrorCode.REQUEST_TIMEOUT, Status.Code.DEADLINE_EXCEEDED);
        t.put(ErrorCode.SERVICE_UNAVAILABLE, Status.Code.UNAVAILABLE);
        t.put(ErrorCode.PROTOCOL_ERROR, Status.Code.INTERNAL);
        t.put(ErrorCode.IDEMPOTENCY_KEY_REUSED, Status.Code.INVALID_ARGUMENT);
        t.put(ErrorCode.UNKNOWN, Status.Code.UNKNOWN);
        return t;
    }

    /** The status code for an error code. */
    public static Status.Code statusCode(ErrorCode code) {
        return TABLE.get(code);
    }

    /**
     * Whether a client should try the call again later, unchanged (an upload with the same idempotency key):
     * {@code TooManyRequests}, {@code Conflict}, and every error whose status is UNAVAILABLE.
     */
    public static boolean retryable(ErrorCode code) {
        return code == ErrorCode.TOO_MANY_REQUESTS || code == ErrorCode.CONFLICT
                || statusCode(code) == Status.Code.UNAVAILABLE;
    }

    /** How long a client should wait before retrying a {@link #retryable} error. */
    public static Duration retryDelay(DocumentError error) {
        return error.retryAfter().orElse(DEFAULT_RETRY_DELAY);
    }

    /**
     * A docverify error as a gRPC error with its {@code ErrorInfo} (and {@code BadRequest}, and for a retryable
     * error {@code RetryInfo}) details.
     */
    public static StatusRuntimeException toStatusException(DocumentError error) {
        String reason = error.code() == ErrorCode.UNKNOWN && !error.wireCode().isBlank()
                ? error.wireCode()
                : error.code().wire();
        var info = ErrorInfo.newBuilder().setReason(reason).setDomain(DOMAIN);
        if (!error.fieldErrors().isEmpty()) {
            info.putMetadata("fieldPaths",
                    error.fieldErrors().stream().map(FieldError::path).collect(Collectors.joining(",")));
        }
        error.existingDocument().ifPresent(id -> info.putMetadata("existingDocumentId", id.value()));
        error.rule().ifPresent(rule -> info.putMetadata("rule", rule));
        if (!error.wireCode().equals(reason)) {
            info.putMetadata("dwollaCode", error.wireCode());
        }
        var status = com.google.rpc.Status.newBuilder()
                .setCode(statusCode(error.code()).value())
                .setMessage(describe(error))
                .addDetails(Any.pack(info.build()));
        if (!error.fieldErrors().isEmpty()) {
            var badRequest = BadRequest.newBuilder();
            error.fieldErrors().forEach(f -> badRequest.addFieldViolations(
                    BadRequest.FieldViolation.newBuilder().setField(f.path()).setDescription(f.message())));
            status.addDetails(Any.pack(badRequest.build()));
        }
        var trailers = new Metadata();
        if (retryable(error.code())) {
            Duration delay = retryDelay(error);
            status.addDetails(Any.pack(RetryInfo.newBuilder().setRetryDelay(com.google.protobuf.Duration.newBuilder()
                    .setSeconds(delay.getSeconds()).setNanos(delay.getNano())).build()));
            trailers.put(PUSHBACK, Long.toString(delay.toMillis()));
        }
        return StatusProto.toStatusRuntimeException(status.build(), trailers);
    }

    /**
     * What a client is told when docverify's own store (the journal, the idempotency records) cannot answer now:
     * {@code ServiceUnavailable}, so UNAVAILABLE with a retry hint.
     */
    public static final String STORE_UNAVAILABLE = "docverify's own store cannot answer now; retry shortly.";

    /**
     * Any failure of a call as a gRPC error: a {@link DocumentException} (possibly wrapped in a
     * {@link CompletionException}) by the table, a {@link StoreUnavailableException} as {@code ServiceUnavailable}
     * (UNAVAILABLE, {@link #STORE_UNAVAILABLE}, never the store's own message), a gRPC error as it is, anything
     * else as INTERNAL without details (its message may hold data that must not leave the service; the caller logs
     * it).
     */
    public static StatusRuntimeException toStatusException(Throwable failure) {
        Throwable cause = Completions.unwrap(failure);
        if (cause instanceof DocumentException e) {
            return toStatusException(e.error());
        }
        if (cause instanceof StoreUnavailableException) {
            return toStatusException(DocumentError.of(ErrorCode.SERVICE_UNAVAILABLE, STORE_UNAVAILABLE));
        }
        if (cause instanceof StatusRuntimeException e) {
            return e;
        }
        if (cause instanceof StatusException e) {
            return e.getStatus().asRuntimeException(e.getTrailers());
        }
        return Status.INTERNAL.withDescription("internal error").asRuntimeException();
    }

    /**
     * True if the failure is not one of docverify's typed errors nor a store outage (a bug, worth a log line with
     * the stack).
     */
    public static boolean isUnexpected(Throwable failure) {
        Throwable cause = Completions.unwrap(failure);
        return !(cause instanceof DocumentException || cause instanceof StatusRuntimeException
                || cause instanceof StatusException || cause instanceof StoreUnavailableException);
    }

    private static String describe(DocumentError error) {
        if (error.fieldErrors().isEmpty()) {
            return error.message();
        }
        return error.message() + " " + error.fieldErrors().stream()
                .map(f -> f.path() + ": " + f.message())
                .collect(Collectors.joining("; "));
    }
}
