package io.docverify.adapter.dwolla.webhook;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Dwolla's webhook signature: the lowercase hex of HMAC-SHA256 over the <b>raw request body</b>, keyed with the
 * UTF-8 bytes of the subscription's secret, sent in {@value #HEADER}. Verify the exact bytes received (re-serialised
 * JSON does not match); during a secret rotation, {@link #rotating(String, String)} accepts the previous secret too
 * and {@link #verify(byte[], String)} says which one matched.
 *
 * <p>Thread-safe and immutable: each call uses its own {@link Mac}. {@link #toString()} never shows a secret, and
 * no error message contains one.
 */
public final class WebhookSignature {
    /** The header Dwolla sends the signature in; read it case-insensitively. */
    public static final String HEADER = "X-Request-Signature-SHA-256";
    /** Dwolla's longest subscription secret ({@code SecretTooLongError} above it). */
    public static final int MAX_SECRET_LENGTH = 128;

    private static final String ALGORITHM = "HmacSHA256";
    private static final int SIGNATURE_BYTES = 32;
    private static final char[] HEX = "0123456789abcdef".toCharArray();

    /** Which secret a signature was made with. */
    public enum Match {
        /** The current secret. */
        CURRENT,
        /** The previous secret, still accepted during a rotation. */
        PREVIOUS,
        /** Neither: missing, malformed or wrong. Refuse the request. */
        NONE
    }

    private final SecretKeySpec current;
    private final SecretKeySpec previous;

    private WebhookSignature(SecretKeySpec current, SecretKeySpec previous) {
        this.current = current;
        this.previous = previous;
    }

    /**
     * A verifier for one secret.
     *
     * @throws IllegalArgumentException if the secret is empty, longer than {@value #MAX_SECRET_LENGTH} or holds a
     *                                  lone surrogate (no UTF-8 form)
     * @throws NullPointerException     if it is null
     */
    public static WebhookSignature of(String secret) {
        return new WebhookSignature(key(secret, "secret"), null);
    }

    /**
     * A verifier during a rotation: signatures made with {@code current} match {@link Match#CURRENT}, those made
     * with {@code previous} {@link Match#PREVIOUS}. A null {@code previous} is the same as {@link #of(String)}.
     *
     * @throws IllegalArgumentException if a secret is empty or longer than {@value #MAX_SECRET_LENGTH}
     */
    public static WebhookSignature rotating(String current, String previous) {
        return new WebhookSignature(key(current, "current secret"),
                previous == null ? null : key(previous, "previous secret"));
    }

    /** The lowercase hex signature of the body, with the current secret, as Dwolla computes it. */
    public String sign(byte[] rawBody) {
        Objects.requireNonNull(rawBody, "rawBody");
        byte[] mac = mac(current, rawBody);
        char[] out = new char[mac.length * 2];
        for (int i = 0; i < mac.length; i++) {
            out[2 * i] = HEX[(mac[i] >> 4) & 0xf];
            out[2 * i + 1] = HEX[mac[i] & 0xf];
        }
        return new String(out);
    }

    /**
     * Which secret signed the body. Never throws for a bad header: null, blank, not hex (either case accepted) or
     * not 64 digits long is {@link Match#NONE}. Compares in constant time.
     *
     * @param rawBody     the exact bytes received
     * @param headerValue the value of {@value #HEADER}, possibly null
     */
    public Match verify(byte[] rawBody, String headerValue) {
        Objects.requireNonNull(rawBody, "rawBody");
        byte[] given = decode(headerValue);
        if (given == null) {
            return Match.NONE;
        }
        boolean isCurrent = MessageDigest.isEqual(given, mac(current, rawBody));
        boolean isPrevious = previous != null && MessageDigest.isEqual(given, mac(previous, rawBody));
        if (isCurrent) {
            return Match.CURRENT;
        }
        return isPrevious ? Match.PREVIOUS : Match.NONE;
    }

    /** Shows whether a previous secret is accepted, never a secret. */
    @Override
    public String toString() {
        return "WebhookSignature[" + (previous == null ? "one secret" : "rotating: current and previous") + "]";
    }

    private static SecretKeySpec key(String secret, String what) {
        Objects.requireNonNull(secret, what);
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("the webhook " + what + " is empty");
        }
        if (secret.length() > MAX_SECRET_LENGTH) {
            throw new IllegalArgumentException("the webhook " + what + " has " + secret.length()
                    + " characters, more than Dwolla's " + MAX_SECRET_LENGTH);
        }
        if (!wellFormed(secret)) {
            throw new IllegalArgumentException("the webhook " + what + " is not well-formed Unicode (a lone surrogate)");
        }
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), ALGORITHM);
    }

    private static byte[] mac(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no " + ALGORITHM, e);
        }
    }

    private static byte[] decode(String hex) {
        if (hex == null) {
            return null;
        }
        String s = hex.strip();
        if (s.length() != SIGNATURE_BYTES * 2) {
            return null;
        }
        byte[] out = new byte[SIGNATURE_BYTES];
        for (int i = 0; i < SIGNATURE_BYTES; i++) {
            int hi = Character.digit(s.charAt(2 * i), 16);
            int lo = Character.digit(s.charAt(2 * i + 1), 16);
            if (hi < 0 || lo < 0 || !ascii(s.charAt(2 * i)) || !ascii(s.charAt(2 * i + 1))) {
                return null;
            }
            out[i] = (byte) ((hi << 4) | lo);
        }
        return out;
    }

    private static boolean wellFormed(String s) {
        for (int i = 0; i < s.length(); i++) {
            char c = s.charAt(i);
            if (Character.isHighSurrogate(c) && i + 1 < s.length() && Character.isLowSurrogate(s.charAt(i + 1))) {
                i++;
            } else if (Character.isSurrogate(c)) {
                return false;
            }
        }
        return true;
    }

    private static boolean ascii(char c) {
        return c < 128;
    }
}
