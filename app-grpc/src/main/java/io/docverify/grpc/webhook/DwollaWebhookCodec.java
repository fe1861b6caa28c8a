package io.docverify.grpc.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docverify.ports.out.ProviderEvent;
import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HexFormat;
import java.util.Locale;
import java.util.Objects;
import java.util.Optional;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Dwolla's webhooks: {@code X-Request-Signature-SHA-256} is the lowercase hex HMAC-SHA256 of the raw body keyed
 * with the subscription's secret, compared in constant time ({@link MessageDigest#isEqual}) with the current and,
 * during a rotation, the previous secret; the body is Dwolla's event ({@code id}, {@code created} or, in very old
 * payloads, {@code timestamp}, {@code topic}, {@code resourceId}, {@code _links.resource}, {@code _links.customer}).
 */
public final class DwollaWebhookCodec implements WebhookCodec {
    /** Dwolla's signature header. */
    public static final String HEADER = "X-Request-Signature-SHA-256";

    private static final ObjectMapper JSON = new ObjectMapper();

    private final SecretKeySpec current;
    private final Optional<SecretKeySpec> previous;

    private DwollaWebhookCodec(String current, Optional<String> previous) {
        this.current = key(Objects.requireNonNull(current, "current"));
        this.previous = Objects.requireNonNull(previous, "previous").map(DwollaWebhookCodec::key);
    }

    /** A codec that accepts {@code current} and, if present, {@code previous}. */
    public static DwollaWebhookCodec rotating(String current, Optional<String> previous) {
        return new DwollaWebhookCodec(current, previous);
    }

    @Override
    public String signatureHeader() {
        return HEADER;
    }

    @Override
    public Signed verify(byte[] rawBody, String headerValue) {
        byte[] given;
        try {
            given = HexFormat.of().parseHex(headerValue.trim().toLowerCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            return Signed.NONE;
        }
        // Both are computed and compared whatever the first gives, so the time taken says nothing.
        boolean byCurrent = MessageDigest.isEqual(mac(current, rawBody), given);
        boolean byPrevious = previous.isPresent() && MessageDigest.isEqual(mac(previous.get(), rawBody), given);
        return byCurrent ? Signed.CURRENT : byPrevious ? Signed.PREVIOUS : Signed.NONE;
    }

    /** The signature header's value for {@code rawBody} under the current secret (for tests and senders). */
    public String sign(byte[] rawBody) {
        return HexFormat.of().formatHex(mac(current, rawBody));
    }

    @Override
    public ProviderEvent parse(byte[] rawBody) {
        JsonNode root;
        try {
            root = JSON.readTree(rawBody);
        } catch (IOException e) {
            throw new IllegalArgumentException("the body is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("the body is not a JSON object");
        }
        String created = text(root, "created").or(() -> text(root, "timestamp"))
                .orElseThrow(() -> new IllegalArgumentException("the event has no created"));
        Instant instant;
        try {
            instant = Instant.parse(created);
        } catch (DateTimeParseException e) {
            throw new IllegalArgumentException("the event's created is not an ISO-8601 instant");
        }
        return new ProviderEvent(required(root, "id"), instant, required(root, "topic"), required(root, "resourceId"),
                link(root, "resource"), link(root, "customer"));
    }

    private static String required(JsonNode root, String field) {
        return text(root, field).orElseThrow(() -> new IllegalArgumentException("the event has no " + field));
    }

    private static Optional<String> text(JsonNode root, String field) {
        JsonNode node = root.get(field);
        return node != null && node.isTextual() && !node.asText().isBlank() ? Optional.of(node.asText())
                : Optional.empty();
    }

    private static Optional<URI> link(JsonNode root, String name) {
        JsonNode href = root.path("_links").path(name).path("href");
        if (!href.isTextual()) {
            return Optional.empty();
        }
        try {
            return Optional.of(URI.create(href.asText()));
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("the event's _links." + name + " is not a URI");
        }
    }

    private static SecretKeySpec key(String secret) {
        if (secret.isEmpty()) {
            throw new IllegalArgumentException("a webhook secret must not be empty");
        }
        return new SecretKeySpec(secret.getBytes(StandardCharsets.UTF_8), "HmacSHA256");
    }

    private static byte[] mac(SecretKeySpec key, byte[] body) {
        try {
            Mac mac = Mac.getInstance("HmacSHA256");
            mac.init(key);
            return mac.doFinal(body);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is part of every JDK", e);
        }
    }
}
