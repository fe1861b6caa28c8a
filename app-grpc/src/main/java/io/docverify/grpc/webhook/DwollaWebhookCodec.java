package io.docverify.grpc.webhook;

import io.docverify.adapter.dwolla.DwollaEventJson;
import io.docverify.adapter.dwolla.webhook.WebhookSignature;
import io.docverify.ports.out.ProviderEvent;
import java.util.Objects;
import java.util.Optional;

/**
 * Dwolla's webhooks: the signature is adapter-dwolla-http's {@link WebhookSignature} ({@code X-Request-Signature-SHA-256},
 * the lowercase hex HMAC-SHA256 of the raw body, compared in constant time with the current and, during a rotation,
 * the previous secret); the body is Dwolla's event, read by {@link DwollaEventJson}.
 */
public final class DwollaWebhookCodec implements WebhookCodec {
    /** Dwolla's signature header. */
    public static final String HEADER = WebhookSignature.HEADER;

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

    /** The event, by adapter-dwolla-http's {@link DwollaEventJson}; throws its {@code MalformedEventException}. */
    @Override
    public ProviderEvent parse(byte[] rawBody) {
        return DwollaEventJson.parse(rawBody);
    }
}
