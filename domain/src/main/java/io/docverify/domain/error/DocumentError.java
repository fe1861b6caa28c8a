package io.docverify.domain.error;

import io.docverify.domain.DocumentId;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * A refusal, as a value: the code, the code as it came over the wire (kept even when docverify does not know
 * it), a message, the field errors of a validation error, and for {@code DuplicateResource} the document that
 * already exists (Dwolla's {@code _links.about}), and the name of the upload rule that refused (empty when no
 * named rule did, or when the refusal came back from Dwolla, where the rule is unknown), and how long the caller
 * should wait before trying again when the refuser said so (Dwolla's {@code Retry-After} on a 429 or 503; empty
 * when nobody said).
 */
public record DocumentError(
        ErrorCode code,
        String wireCode,
        String message,
        List<FieldError> fieldErrors,
        Optional<DocumentId> existingDocument,
        Optional<String> rule,
        Optional<Duration> retryAfter) {

    /** A refusal without a retry delay. */
    public DocumentError(ErrorCode code, String wireCode, String message, List<FieldError> fieldErrors,
            Optional<DocumentId> existingDocument, Optional<String> rule) {
        this(code, wireCode, message, fieldErrors, existingDocument, rule, Optional.empty());
    }

    /** A refusal no named rule gave (or whose rule is unknown). */
    public DocumentError(ErrorCode code, String wireCode, String message, List<FieldError> fieldErrors,
            Optional<DocumentId> existingDocument) {
        this(code, wireCode, message, fieldErrors, existingDocument, Optional.empty());
    }

    public DocumentError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(wireCode, "wireCode");
        Objects.requireNonNull(message, "message");
        fieldErrors = List.copyOf(fieldErrors);
        Objects.requireNonNull(existingDocument, "existingDocument");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(retryAfter, "retryAfter");
        if (retryAfter.isPresent() && retryAfter.get().isNegative()) {
            throw new IllegalArgumentException("retryAfter must not be negative: " + retryAfter.get());
        }
    }

    /** The same refusal, naming the rule that gave it. */
    public DocumentError byRule(String ruleName) {
        return new DocumentError(code, wireCode, message, fieldErrors, existingDocument, Optional.of(ruleName),
                retryAfter);
    }

    /** The same refusal, saying how long to wait before another attempt (empty: nobody said). */
    public DocumentError withRetryAfter(Optional<Duration> delay) {
        return new DocumentError(code, wireCode, message, fieldErrors, existingDocument, rule, delay);
    }

    /** An error with a known code and Dwolla's spelling of it. */
    public static DocumentError of(ErrorCode code, String message) {
        return new DocumentError(code, code.wire(), message, List.of(), Optional.empty());
    }

    /** A {@code ValidationError} with one field error. */
    public static DocumentError validation(String fieldCode, String path, String message) {
        return new DocumentError(ErrorCode.VALIDATION_ERROR, ErrorCode.VALIDATION_ERROR.wire(),
                "Validation error(s) present. See embedded errors list for more details.",
                List.of(new FieldError(fieldCode, message, path)), Optional.empty());
    }

    /** A {@code DuplicateResource} that links the document already uploaded. */
    public static DocumentError duplicate(DocumentId existing) {
        return new DocumentError(ErrorCode.DUPLICATE_RESOURCE, ErrorCode.DUPLICATE_RESOURCE.wire(),
                "Document already exists. Follow the link to find the existing document for the Customer.",
                List.of(), Optional.of(existing));
    }

    /** This error as an exception, for the edges that must throw. */
    public DocumentException toException() {
        return new DocumentException(this);
    }

    @Override
    public String toString() {
        return wireCode + ": " + message + (fieldErrors.isEmpty() ? "" : " " + fieldErrors);
    }
}
