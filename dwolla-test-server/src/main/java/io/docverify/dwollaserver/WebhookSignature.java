package io.docverify.dwollaserver;

import java.nio.charset.StandardCharsets;
import java.security.InvalidKeyException;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Dwolla's webhook signature, the sender's side: {@code X-Request-Signature-SHA-256} is the lowercase hex
 * HMAC-SHA256 of the raw body, keyed with the subscription's secret.
 */
public final class WebhookSignature {
    /** The header that carries it. */
    public static final String HEADER = "X-Request-Signature-SHA-256";

    private WebhookSignature() {
    }

    /** The signature of {@code body} with {@code secret} (its UTF-8 bytes as the key). */
    public static String sign(String secret, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256"));
            return HexFormat.of().formatHex(mac.doFinal(body));
        } catch (NoSuchAlgorithmException | InvalidKeyException impossible) {
            throw new IllegalStateException("HmacSHA256 is not available", impossible);
        }
    }
}
