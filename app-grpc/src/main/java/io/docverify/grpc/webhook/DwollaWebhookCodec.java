package io.docverify.grpc.webhook;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.docverify.adapter.dwolla.webhook.WebhookSignature;
import io.docverify.ports.out.ProviderEvent;
import java.io.IOException;
import java.net.URI;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Objects;
import java.util.Optional;

/**
 * Dwolla's webhooks: the signature is adapter-dwolla-http's {@link WebhookSignature} ({@code X-Request-Signature-SHA-256},
 * the lowercase hex HMAC-SHA256 of the raw body, compared in constant time with the current and, during a rotation,
 * the previous secret); the body is Dwolla's event ({@code id}, {@code created} or, in very old
 * payloads, {@code timestamp}, {@code topic}, {@code resourceId}, {@code _links.resource}, {@code _links.customer}).
 */
public final class DwollaWebhookCodec implements WebhookCodec {
    /** Dwolla's signature header. */
    public static final String HEADER = WebhookSignature.HEADER;

    private static final ObjectMapper JSON = new ObjectMapper();

    private final WebhookSignature signature;

    private DwollaWebhookCodec(String current, Optional<String> previous) {
        this.signature = WebhookSignature.rotating(Objects.requireNonNull(current, "current"),
                Objects.requireNonNull(previous, "previous").orElse(null));
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
        return switch (signature.verify(rawBody, headerValue)) {
            case CURRENT -> Signed.CURRENT;
            case PREVIOUS -> Signed.PREVIOUS;
            case NONE -> Signed.NONE;
        };
    }

    /** The signature header's value for {@code rawBody} under the current secret (for tests and senders). */
    public String sign(byte[] rawBody) {
        return signature.sign(rawBody);
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
}
