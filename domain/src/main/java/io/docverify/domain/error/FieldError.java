package io.docverify.domain.error;

import java.util.Objects;

/**
 * One entry of a Dwolla {@code ValidationError}'s {@code _embedded.errors}: a code such as {@code Required} or
 * {@code Invalid}, a message, and the JSON pointer of the field ({@code /documentType}).
 */
public record FieldError(String code, String message, String path) {
    /** Dwolla's embedded code for a missing field. */
    public static final String REQUIRED = "Required";
    /** Dwolla's embedded code for a field with a wrong value. */
    public static final String INVALID = "Invalid";
    /** Dwolla's embedded code for a malformed value. */
    public static final String INVALID_FORMAT = "InvalidFormat";

    public FieldError {
        Objects.requireNonNull(code, "code");
        Objects.requireNonNull(message, "message");
        Objects.requireNonNull(path, "path");
    }
}
