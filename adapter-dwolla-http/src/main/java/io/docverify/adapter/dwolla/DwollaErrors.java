package io.docverify.adapter.dwolla;

import com.fasterxml.jackson.databind.JsonNode;
import io.docverify.adapter.dwolla.DwollaFailure.Kind;
import io.docverify.domain.DocumentId;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.error.FieldError;
import java.time.Duration;
import java.time.Instant;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/**
 * Turns Dwolla's error answers into the domain's typed errors, in every shape Dwolla documents:
 * <ul>
 *   <li>a top-level {@code code} ({@code {"code":"notFound","message":"..."}}), compared case-insensitively
 *       ({@code notFound} and {@code NotFound} are one code); a code docverify does not know is kept as it came
 *       ({@link ErrorCode#UNKNOWN} with the original {@code wireCode});</li>
 *   <li>{@code ValidationError} with {@code _embedded.errors[].code/path}; on an upload the embedded codes
 *       {@code Duplicate}, {@code FileTooLarge} and {@code Invalid} "Invalid file type" are the same refusals as
 *       the top-level {@code DuplicateResource}, {@code fileTooLarge} and {@code invalidFileType};</li>
 *   <li>OAuth's {@code {"error":"invalid_client"}} from {@code POST /token};</li>
 *   <li>no body, or a body that is not JSON (a proxy's HTML page): decided by the status, and an empty 401 is an
 *       invalid token.</li>
 * </ul>
 * Each error also gets its {@link Kind}: 5xx are transient, 429 rate limited (with {@code Retry-After}), 409 a
 * conflict, 401 a rejected token, everything else final.
 */
final class DwollaErrors {
    private static final DateTimeFormatter HTTP_DATE = DateTimeFormatter.RFC_1123_DATE_TIME;

    private DwollaErrors() {
    }

    /** The failure for a non-2xx answer. */
    static DwollaFailure failure(int status, Optional<String> retryAfterHeader, byte[] body, Instant now) {
        DocumentError error = HalJson.tree(body).flatMap(DwollaErrors::fromJson).orElseGet(() -> byStatus(status));
        Kind kind = kind(status, error);
        Optional<Duration> retryAfter = status == 429 || status == 503
                ? retryAfterHeader.flatMap(h -> retryAfter(h, now))
                : Optional.empty();
        return new DwollaFailure(error, kind, retryAfter, null);
    }

    static Kind kind(int status, DocumentError error) {
        if (status == 401 && (error.code() == ErrorCode.EXPIRED_ACCESS_TOKEN
                || error.code() == ErrorCode.INVALID_ACCESS_TOKEN)) {
            return Kind.TOKEN_REJECTED;
        }
        if (status == 429 || error.code() == ErrorCode.TOO_MANY_REQUESTS) {
            return Kind.RATE_LIMITED;
        }
        if (status == 409) {
            return Kind.CONFLICT;
        }
        if (status >= 500) {
            return Kind.TRANSIENT;
        }
        return Kind.FINAL;
    }

    /** The error of a JSON body, if it has a shape Dwolla documents. */
    static Optional<DocumentError> fromJson(JsonNode body) {
        String code = text(body, "code");
        String message = Optional.ofNullable(text(body, "message")).orElse("");
        if (code != null && !code.isBlank()) {
            ErrorCode known = ErrorCode.fromWire(code);
            if (known == ErrorCode.VALIDATION_ERROR) {
                return Optional.of(validation(body, code, message));
            }
            Optional<DocumentId> about = known == ErrorCode.DUPLICATE_RESOURCE ? aboutLink(body) : Optional.empty();
            return Optional.of(new DocumentError(known, code, message, List.of(), about));
        }
        String oauth = text(body, "error");
        if (oauth != null && !oauth.isBlank()) {
            String description = Optional.ofNullable(text(body, "error_description")).orElse("");
            return Optional.of(new DocumentError(oauthCode(oauth), oauth,
                    description.isEmpty() ? "Dwolla refused the token request: " + oauth : description,
                    List.of(), Optional.empty()));
        }
        return Optional.empty();
    }

    private static DocumentError validation(JsonNode body, String code, String message) {
        List<FieldError> fields = new ArrayList<>();
        Optional<DocumentId> about = aboutLink(body);
        JsonNode errors = body.path("_embedded").path("errors");
        for (JsonNode e : errors) {
            String fieldCode = Optional.ofNullable(text(e, "code")).orElse("");
            fields.add(new FieldError(fieldCode, Optional.ofNullable(text(e, "message")).orElse(""),
                    Optional.ofNullable(text(e, "path")).orElse("")));
            if (about.isEmpty()) {
                about = aboutLink(e);
            }
        }
        for (FieldError f : fields) {
            switch (f.code().toLowerCase(Locale.ROOT)) {
                case "duplicate" -> {
                    return new DocumentError(ErrorCode.DUPLICATE_RESOURCE, code, f.message(), fields, about);
                }
                case "filetoolarge" -> {
                    return new DocumentError(ErrorCode.FILE_TOO_LARGE, code, f.message(), fields, Optional.empty());
                }
                case "invalid" -> {
                    if (f.message().toLowerCase(Locale.ROOT).contains("file type")) {
                        return new DocumentError(ErrorCode.INVALID_FILE_TYPE, code, f.message(), fields,
                                Optional.empty());
                    }
                }
                default -> {
                    // an ordinary field error
                }
            }
        }
        return new DocumentError(ErrorCode.VALIDATION_ERROR, code, message, fields, Optional.empty());
    }

    private static ErrorCode oauthCode(String error) {
        return switch (error.toLowerCase(Locale.ROOT)) {
            case "invalid_client", "unauthorized_client", "invalid_grant", "access_denied" ->
                    ErrorCode.INVALID_CREDENTIALS;
            case "temporarily_unavailable" -> ErrorCode.SERVICE_UNAVAILABLE;
            case "invalid_request", "unsupported_grant_type", "invalid_scope" -> ErrorCode.BAD_REQUEST;
            default -> ErrorCode.UNKNOWN;
        };
    }

    /** The error when the body says nothing usable. */
    static DocumentError byStatus(int status) {
        ErrorCode code = switch (status) {
            case 400 -> ErrorCode.BAD_REQUEST;
            case 401 -> ErrorCode.INVALID_ACCESS_TOKEN;
            case 403 -> ErrorCode.FORBIDDEN;
            case 404 -> ErrorCode.NOT_FOUND;
            case 409 -> ErrorCode.CONFLICT;
            case 413 -> ErrorCode.FILE_TOO_LARGE;
            case 415 -> ErrorCode.UNSUPPORTED_REQUEST_CONTENT_TYPE;
            case 429 -> ErrorCode.TOO_MANY_REQUESTS;
            case 503 -> ErrorCode.SERVICE_UNAVAILABLE;
            case 504 -> ErrorCode.REQUEST_TIMEOUT;
            default -> status >= 500 ? ErrorCode.SERVER_ERROR : ErrorCode.UNKNOWN;
        };
        String wire = code == ErrorCode.UNKNOWN ? "HTTP" + status : code.wire();
        return new DocumentError(code, wire, "Dwolla answered HTTP " + status + " without a Dwolla error body.",
                List.of(), Optional.empty());
    }

    /** {@code Retry-After}: seconds, or an HTTP date. */
    static Optional<Duration> retryAfter(String header, Instant now) {
        String h = header.trim();
        try {
            long seconds = Long.parseLong(h);
            return seconds < 0 ? Optional.empty() : Optional.of(Duration.ofSeconds(seconds));
        } catch (NumberFormatException notSeconds) {
            try {
                Duration d = Duration.between(now, ZonedDateTime.parse(h, HTTP_DATE).toInstant());
                return Optional.of(d.isNegative() ? Duration.ZERO : d);
            } catch (DateTimeParseException notADate) {
                return Optional.empty();
            }
        }
    }

    /** {@code _links.about.href}'s last segment: the document a {@code DuplicateResource} points to. */
    private static Optional<DocumentId> aboutLink(JsonNode node) {
        String href = text(node.path("_links").path("about"), "href");
        if (href == null) {
            return Optional.empty();
        }
        return documentIdOf(href);
    }

    /** The id of a document URL ({@code .../documents/{id}}); empty if the URL is not one. */
    static Optional<DocumentId> documentIdOf(String url) {
        String path = url;
        int query = path.indexOf('?');
        if (query >= 0) {
            path = path.substring(0, query);
        }
        while (path.endsWith("/")) {
            path = path.substring(0, path.length() - 1);
        }
        int slash = path.lastIndexOf('/');
        if (slash < 0 || !path.substring(0, slash).endsWith("/documents")) {
            return Optional.empty();
        }
        String segment = path.substring(slash + 1);
        try {
            return Optional.of(new DocumentId(segment));
        } catch (DocumentException e) {
            return Optional.empty();
        }
    }

    private static String text(JsonNode node, String field) {
        JsonNode value = node.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
