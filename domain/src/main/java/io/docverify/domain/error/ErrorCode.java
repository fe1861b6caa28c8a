package io.docverify.domain.error;

import java.util.Locale;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * The error codes docverify reports. Where Dwolla has a code, the wire spelling is Dwolla's; the few codes
 * Dwolla does not have (an unreachable Dwolla, a protocol error, a reused idempotency key) are docverify's
 * own and documented in the README.
 *
 * <p>Dwolla spells the same code in different cases on different endpoints ({@code notFound} and
 * {@code NotFound}), so {@link #fromWire(String)} compares case-insensitively and ignores spaces
 * ({@code "Too Many Requests"}).
 *
 * <p>Why the OAuth and HTTP codes ({@code InvalidAccessToken}, {@code ExpiredAccessToken},
 * {@code InvalidCredentials}, {@code UnsupportedRequestContentType}, {@code ProtocolError}) live here although
 * only the Dwolla adapter (and the Dwolla test server) produce them: this enum is the one error table. The gRPC
 * layer maps every code to a status in one place, and clients read the code's wire spelling in
 * {@code ErrorInfo}; a second, adapter-owned table would need a second mapping and could drift from the first
 * without changing anything a client sees. They are reported as the provider's answer, not as domain rules.
 */
public enum ErrorCode {
    /** 404: the customer, beneficial owner or document does not exist. */
    NOT_FOUND("notFound"),
    /** 403: the owner is not in a status (or of a type) that may upload documents. */
    INVALID_RESOURCE_STATE("invalidResourceState"),
    /** 403: the credentials may not create documents. */
    NOT_AUTHORIZED("notAuthorized"),
    /** 403: the generic Dwolla refusal. */
    FORBIDDEN("Forbidden"),
    /** 400: the file is neither JPEG nor PNG (nor PDF where a business document allows it). */
    INVALID_FILE_TYPE("invalidFileType"),
    /** 413: the file is larger than 10 MiB. */
    FILE_TOO_LARGE("fileTooLarge"),
    /** 400: the owner already has four documents awaiting review. */
    MAXIMUM_NUMBER_OF_RESOURCES("maximumNumberOfResources"),
    /** 400: the same file was already uploaded for the same owner. */
    DUPLICATE_RESOURCE("DuplicateResource"),
    /** 400: a field is missing or malformed; details in the field errors. */
    VALIDATION_ERROR("ValidationError"),
    /** 400: the request is syntactically broken. */
    BAD_REQUEST("BadRequest"),
    /** 409: a request with the same idempotency key is still being processed. */
    CONFLICT("Conflict"),
    /** 429: Dwolla's rate limit. */
    TOO_MANY_REQUESTS("TooManyRequests"),
    /** 401: the access token is invalid. */
    INVALID_ACCESS_TOKEN("InvalidAccessToken"),
    /** 401: the access token expired. */
    EXPIRED_ACCESS_TOKEN("ExpiredAccessToken"),
    /** 401: the client credentials (key and secret) were refused. */
    INVALID_CREDENTIALS("InvalidCredentials"),
    /** 415: the upload was not multipart. */
    UNSUPPORTED_REQUEST_CONTENT_TYPE("UnsupportedRequestContentType"),
    /** 500: Dwolla failed. */
    SERVER_ERROR("ServerError"),
    /** 500/504: Dwolla or docverify's own time limit ran out. */
    REQUEST_TIMEOUT("RequestTimeout"),
    /** docverify: Dwolla is unreachable, or the circuit breaker / bulkhead refuses the call. */
    SERVICE_UNAVAILABLE("ServiceUnavailable"),
    /** docverify: Dwolla answered something that does not follow its published contract. */
    PROTOCOL_ERROR("ProtocolError"),
    /** docverify: an idempotency key was reused for a different request. */
    IDEMPOTENCY_KEY_REUSED("IdempotencyKeyReused"),
    /** A code docverify does not know; the original spelling is kept in {@link DocumentError#wireCode()}. */
    UNKNOWN("unknown");

    private static final Map<String, ErrorCode> BY_NORMALISED_WIRE = Stream.of(values())
            .collect(Collectors.toUnmodifiableMap(c -> normalise(c.wire), Function.identity()));

    private final String wire;

    ErrorCode(String wire) {
        this.wire = wire;
    }

    /** The code as Dwolla (or docverify) spells it on the wire. */
    public String wire() {
        return wire;
    }

    /** The code for a wire spelling, in any case; {@link #UNKNOWN} when docverify does not know it. */
    public static ErrorCode fromWire(String wireCode) {
        if (wireCode == null) {
            return UNKNOWN;
        }
        return BY_NORMALISED_WIRE.getOrDefault(normalise(wireCode), UNKNOWN);
    }

    private static String normalise(String code) {
        return code.replace(" ", "").toLowerCase(Locale.ROOT);
    }
}
