package io.docverify.ports.out;

import io.docverify.domain.DocumentId;
import io.docverify.domain.error.ErrorCode;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;

/**
 * How an upload the {@link Journal} recorded ended, recorded before the client gets its answer.
 *
 * @param document  the document it created or found again, if any
 * @param outcome   {@link #CREATED}, {@link #DUPLICATE} (an idempotent replay), or the name of the error code it
 *                  was refused with ({@link ErrorCode#name()}, e.g. {@code FILE_TOO_LARGE}); 1 to 128 printable
 *                  characters
 * @param sizeBytes the bytes received; not negative
 * @param sha256    the SHA-256 of the content received (64 lower-case hex digits), when it was computed
 * @param endedAt   when the upload ended
 */
public record UploadOutcome(Optional<DocumentId> document, String outcome, long sizeBytes, Optional<String> sha256,
        Instant endedAt) {
    /** The outcome of an upload that created a document. */
    public static final String CREATED = "created";
    /** The outcome of an upload answered with an earlier upload's document (same idempotency key). */
    public static final String DUPLICATE = "duplicate";

    public UploadOutcome {
        Objects.requireNonNull(document, "document");
        StoreValues.name(outcome, "outcome");
        if (sizeBytes < 0) {
            throw new IllegalArgumentException("sizeBytes must not be negative");
        }
        Objects.requireNonNull(sha256, "sha256");
        sha256.ifPresent(d -> StoreValues.sha256(d, "sha256"));
        Objects.requireNonNull(endedAt, "endedAt");
    }

    /** An upload refused with {@code code}. */
    public static UploadOutcome refused(ErrorCode code, long sizeBytes, Optional<String> sha256, Instant endedAt) {
        return new UploadOutcome(Optional.empty(), code.name(), sizeBytes, sha256, endedAt);
    }
}
