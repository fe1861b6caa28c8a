package io.docverify.dwollaserver;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/** The access tokens the server issued, with their expiry. Keeps tokens only as keys of a map, never logs them. */
final class TokenStore {
    /** What a bearer token is worth. */
    enum Verdict { VALID, EXPIRED, UNKNOWN, MISSING }

    private static final char[] ALPHABET =
            "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789".toCharArray();

    private final SecureRandom random = new SecureRandom();
    private final Map<String, Instant> expiries = new ConcurrentHashMap<>();
    private final Clock clock;
    private final Duration ttl;
    private final byte[] expectedBasic;

    TokenStore(Clock clock, Duration ttl, String key, String secret) {
        this.clock = clock;
        this.ttl = ttl;
        this.expectedBasic = (key + ":" + secret).getBytes(StandardCharsets.UTF_8);
    }

    /** True when an {@code Authorization} header carries exactly the configured key and secret (HTTP Basic). */
    boolean acceptsBasic(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Basic ", 0, 6)) {
            return false;
        }
        byte[] given;
        try {
            given = Base64.getDecoder().decode(authorization.substring(6).trim());
        } catch (IllegalArgumentException notBase64) {
            return false;
        }
        return MessageDigest.isEqual(given, expectedBasic);
    }

    /**
     * True when a token form carries exactly the configured key and secret as {@code client_id} and
     * {@code client_secret} (how Dwolla's Node and Python SDKs send them; Dwolla's authorization page lists both as
     * request parameters).
     */
    boolean acceptsForm(String clientId, String clientSecret) {
        if (clientId == null || clientSecret == null) {
            return false;
        }
        return MessageDigest.isEqual((clientId + ":" + clientSecret).getBytes(StandardCharsets.UTF_8), expectedBasic)
                && !clientId.contains(":");
    }

    /** A new token, like Dwolla's: 50 letters and digits. */
    String issue() {
        var token = new StringBuilder(50);
        for (int i = 0; i < 50; i++) {
            token.append(ALPHABET[random.nextInt(ALPHABET.length)]);
        }
        String value = token.toString();
        expiries.put(value, clock.instant().plus(ttl));
        return value;
    }

    long ttlSeconds() {
        return ttl.toSeconds();
    }

    /** Judges an {@code Authorization} header of a documents request. */
    Verdict judge(String authorization) {
        if (authorization == null || !authorization.regionMatches(true, 0, "Bearer ", 0, 7)
                || authorization.substring(7).isBlank()) {
            return Verdict.MISSING;
        }
        Instant expiry = expiries.get(authorization.substring(7).trim());
        if (expiry == null) {
            return Verdict.UNKNOWN;
        }
        return clock.instant().isBefore(expiry) ? Verdict.VALID : Verdict.EXPIRED;
    }

    /** Every token issued so far expires now. */
    void expireAll() {
        Instant now = clock.instant();
        expiries.replaceAll((token, expiry) -> expiry.isAfter(now) ? now : expiry);
    }
}
