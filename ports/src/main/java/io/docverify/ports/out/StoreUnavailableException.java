package io.docverify.ports.out;

/**
 * A store of the service's own state (the {@link Journal}, the {@link IdempotencyRecords}, the
 * {@link ChangeNotifications}) cannot record or answer now: it is unreachable, timed out, or (in memory) full.
 * Nothing was recorded. Callers refuse the request with a retryable status (gRPC {@code UNAVAILABLE}, HTTP 503)
 * rather than do the work unrecorded. The message names no secret and no request content.
 */
public final class StoreUnavailableException extends RuntimeException {
    private static final long serialVersionUID = 1L;

    /** A failure with a message that names no request content. */
    public StoreUnavailableException(String message) {
        super(message);
    }

    /** A failure caused by the store's own error. */
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
