package io.docverify.grpc.security;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

/**
 * The API keys a caller may present. Only their SHA-256 digests are kept, and a presented key is compared with
 * every one of them in constant time ({@link MessageDigest#isEqual}) and without stopping at a match, so neither
 * the time of a check nor the lengths of the keys tell an attacker anything.
 */
public final class ApiKeys {
    private static final SecureRandom RANDOM = new SecureRandom();

    private final List<byte[]> digests;

    private ApiKeys(List<byte[]> digests) {
        this.digests = digests;
    }

    /** The given keys; at least one. */
    public static ApiKeys of(List<String> keys) {
        if (keys.isEmpty()) {
            throw new IllegalArgumentException("at least one API key is needed");
        }
        return new ApiKeys(keys.stream().map(ApiKeys::sha256).toList());
    }

    /** A new random development key: 256 bits, URL-safe Base64 without padding (43 characters). */
    public static String generate() {
        byte[] bytes = new byte[32];
        RANDOM.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    /** True if {@code presented} is one of the keys. */
    public boolean matches(String presented) {
        return nameOf(presented).isPresent();
    }

    /**
     * The name of the key {@code presented} is, if it is one: {@code key-1}, {@code key-2}, ... in the configured
     * order. Every key is compared, in constant time.
     */
    public Optional<String> nameOf(String presented) {
        byte[] digest = sha256(presented);
        int found = -1;
        for (int i = 0; i < digests.size(); i++) {
            if (MessageDigest.isEqual(digests.get(i), digest) && found < 0) {
                found = i;
            }
        }
        return found < 0 ? Optional.empty() : Optional.of("key-" + (found + 1));
    }

    /** How many keys there are. */
    public int size() {
        return digests.size();
    }

    @Override
    public String toString() {
        return "ApiKeys[" + digests.size() + " keys]";
    }

    private static byte[] sha256(String key) {
        try {
            return MessageDigest.getInstance("SHA-256").digest(key.getBytes(StandardCharsets.UTF_8));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
