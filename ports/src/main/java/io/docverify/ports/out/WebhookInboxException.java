package io.docverify.ports.out;

/**
 * A {@link WebhookInbox} could not do what was asked (it is full, or its store is unreachable); nothing was
 * recorded. A webhook receiver answers such a delivery with 503, so the provider delivers it again later.
 */
public final class WebhookInboxException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure with a message that names no event content. */
    public WebhookInboxException(String message) {
        super(message);
    }

    /** A failure caused by the store's own error. */
    public WebhookInboxException(String message, Throwable cause) {
        super(message, cause);
    }
}
