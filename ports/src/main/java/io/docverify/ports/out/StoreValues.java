package io.docverify.ports.out;

import java.util.Objects;
import java.util.regex.Pattern;

/** The checks the stores' values share: short printable names and SHA-256 hex digests. */
final class StoreValues {
    /** Longest name kept (a calling key's name, a replica id, an outcome code, a fingerprint). */
    static final int MAX_NAME = 128;
    private static final Pattern SHA256 = Pattern.compile("[0-9a-f]{64}");

    private StoreValues() {
    }

    /** {@code value}, 1 to {@link #MAX_NAME} printable ASCII characters without spaces. */
    static String name(String value, String what) {
        Objects.requireNonNull(value, what);
        if (value.isEmpty() || value.length() > MAX_NAME || !value.chars().allMatch(c -> c > 0x20 && c < 0x7f)) {
            throw new IllegalArgumentException(what + " must be 1 to " + MAX_NAME
                    + " printable ASCII characters without spaces");
        }
        return value;
    }

    /** {@code value}, 64 lower-case hex digits. */
    static String sha256(String value, String what) {
        Objects.requireNonNull(value, what);
        if (!SHA256.matcher(value).matches()) {
            throw new IllegalArgumentException(what + " must be a SHA-256 in 64 lower-case hex digits");
        }
        return value;
    }
}
