package io.docverify.ports.out;

import io.docverify.domain.IdempotencyKey;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * The SHA-256 of an idempotency key, in lower-case hex: what the stores keep instead of the key itself, so neither
 * the journal nor the idempotency records ever hold a client's key.
 *
 * @param hex 64 lower-case hex digits
 */
public record KeyHash(String hex) {
    private static final Pattern HEX = Pattern.compile("[0-9a-f]{64}");

    public KeyHash {
        Objects.requireNonNull(hex, "hex");
        if (!HEX.matcher(hex).matches()) {
            throw new IllegalArgumentException("a key hash is 64 lower-case hex digits");
        }
    }

    /** The hash of {@code key}. */
    public static KeyHash of(IdempotencyKey key) {
        Objects.requireNonNull(key, "key");
        try {
            byte[] digest = MessageDigest.getInstance("SHA-256").digest(key.value().getBytes(StandardCharsets.US_ASCII));
            return new KeyHash(HexFormat.of().formatHex(digest));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }

    @Override
    public String toString() {
        return hex;
    }
}
