package io.docverify.dwollaserver;

import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.ErrorCode;

/**
 * The HTTP status Dwolla answers with each error code (../shared/dwolla/FACTS.md, Dwolla's "Handling Errors"
 * page and the documents endpoints' error tables). One table, used for every error the backend reports.
 */
final class DwollaStatus {
    private DwollaStatus() {
    }

    /** The status of an error; codes docverify does not know by name are looked up by their wire spelling. */
    static int of(DocumentError error) {
        if (error.code() == ErrorCode.UNKNOWN) {
            return switch (error.wireCode()) {
                case "InvalidVersion" -> 406;
                case "MethodNotAllowed" -> 405;
                default -> 400;
            };
        }
        return of(error.code());
    }

    static int of(ErrorCode code) {
        return switch (code) {
            case NOT_FOUND -> 404;
            case INVALID_RESOURCE_STATE, NOT_AUTHORIZED, FORBIDDEN -> 403;
            case INVALID_FILE_TYPE, MAXIMUM_NUMBER_OF_RESOURCES, DUPLICATE_RESOURCE, VALIDATION_ERROR, BAD_REQUEST,
                    IDEMPOTENCY_KEY_REUSED, UNKNOWN -> 400;
            case FILE_TOO_LARGE -> 413;
            case CONFLICT -> 409;
            case TOO_MANY_REQUESTS -> 429;
            case INVALID_ACCESS_TOKEN, EXPIRED_ACCESS_TOKEN, INVALID_CREDENTIALS -> 401;
            case UNSUPPORTED_REQUEST_CONTENT_TYPE -> 415;
            // Dwolla's errors page lists RequestTimeout with 500, like ServerError.
            case SERVER_ERROR, REQUEST_TIMEOUT, PROTOCOL_ERROR -> 500;
            case SERVICE_UNAVAILABLE -> 503;
        };
    }

    /** The code a bare status fault carries in its Dwolla-shaped body. */
    static String codeForStatus(int status) {
        return switch (status) {
            case 400 -> "BadRequest";
            case 401 -> "InvalidAccessToken";
            case 403 -> "Forbidden";
            case 404 -> "NotFound";
            case 409 -> "Conflict";
            case 429 -> "TooManyRequests";
            case 502 -> "BadGateway";
            case 503 -> "ServiceUnavailable";
            case 504 -> "RequestTimeout";
            default -> "ServerError";
        };
    }

    static String messageForStatus(int status) {
        return switch (status) {
            case 409 -> "The request with this Idempotency-Key is still being processed.";
            case 429 -> "Too many requests. Retry later.";
            case 502 -> "Bad gateway.";
            case 503 -> "The service is temporarily unavailable.";
            case 504 -> "The request timed out.";
            default -> "A server error occurred. Error ID: " + java.util.UUID.randomUUID();
        };
    }
}
