package io.docverify.domain;

import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.FieldError;
import java.util.regex.Pattern;

/** The one format check shared by every id: Dwolla ids are UUIDs; docverify accepts any short token. */
final class IdFormat {
    /** Longest id accepted; a UUID is 36 characters. */
    static final int MAX_LENGTH = 64;
    /** What {@link #isToken} checks, as a pattern (for the tests, which hold the loop to it). */
    static final Pattern TOKEN = Pattern.compile("[A-Za-z0-9][A-Za-z0-9._-]{0,63}");

    private IdFormat() {
    }

    static String requireValid(String value, String path) {
        if (value == null || value.isEmpty()) {
            throw DocumentError.validation(FieldError.REQUIRED, path, path.substring(1) + " is required.")
                    .toException();
        }
        if (!isToken(value)) {
            throw DocumentError.validation(FieldError.INVALID_FORMAT, path,
                    path.substring(1) + " must be 1 to " + MAX_LENGTH
                            + " letters, digits, '.', '_' or '-', starting with a letter or digit.")
                    .toException();
        }
        return value;
    }

    /**
     * {@link #TOKEN}, as a loop: ids are checked on every request and every event (a regular expression's matcher
     * was a few percent of the webhook intake's CPU).
     */
    static boolean isToken(String value) {
        int length = value.length();
        if (length == 0 || length > MAX_LENGTH || !letterOrDigit(value.charAt(0))) {
            return false;
        }
        for (int i = 1; i < length; i++) {
            char c = value.charAt(i);
            if (!letterOrDigit(c) && c != '.' && c != '_' && c != '-') {
                return false;
            }
        }
        return true;
    }

    private static boolean letterOrDigit(char c) {
        return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9');
    }
}
