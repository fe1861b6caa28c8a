package io.docverify.domain;

import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.FieldError;
import java.util.UUID;

/**
 * Dwolla's {@code Idempotency-Key}: the same key with the same request within 24 hours returns the original
 * result instead of creating a second resource. 1 to 255 printable ASCII characters.
 */
public record IdempotencyKey(String value) {
    /** Longest key accepted. */
    public static final int MAX_LENGTH = 255;

    public IdempotencyKey {
        if (value == null || value.isEmpty() || value.length() > MAX_LENGTH
                || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw DocumentError.validation(FieldError.INVALID_FORMAT, "/idempotencyKey",
                    "idempotencyKey must be 1 to " + MAX_LENGTH + " printable ASCII characters without spaces.")
                    .toException();
        }
    }

    /** A fresh random key. */
    public static IdempotencyKey random() {
        return new IdempotencyKey(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
