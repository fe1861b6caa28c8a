package io.docverify.domain;

import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.FieldError;
import java.util.regex.Pattern;

/** The one format check shared by every id: Dwolla ids are UUIDs; docverify accepts any short token. */
final class IdFormat {
    /** Longest id accepted; a UUID is 36 characters. */
    static final int MAX_LENGTH = 64;
    private static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private IdFormat() {
    }

    static String requireValid(String value, String path) {
        if (value == null || value.isEmpty()) {
            throw DocumentError.validation(FieldError.REQUIRED, path, path.substring(1) + " is required.")
                    .toException();
        }
        if (!TOKEN.matcher(value).matches()) {
            throw DocumentError.validation(FieldError.INVALID_FORMAT, path,
                    path.substring(1) + " must be 1 to " + MAX_LENGTH
                            + " letters, digits, '.', '_' or '-', starting with a letter or digit.")
                    .toException();
        }
        return value;
    }
}
