package io.docverify.ports.out;

import io.docverify.domain.DocumentType;
import io.docverify.domain.OwnerId;
import java.time.Instant;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;

/**
 * An upload as the {@link Journal} records it when it starts, before anything is sent to the provider. No file
 * bytes, no file name, no secret: the idempotency key only as its hash. (Not the domain's
 * {@code io.docverify.domain.upload.UploadAttempt}, which is what the upload rules look at.)
 *
 * @param owner          whose document it would be
 * @param type           the requested document type
 * @param callerKey      the name of the calling API key (never the key itself); 1 to 128 printable characters
 * @param idempotencyKey the hash of the client's idempotency key, when it sent one
 * @param declaredSize   the size the client declared, if it did; not negative
 * @param declaredSha256 the SHA-256 the client declared (64 lower-case hex digits), if it did
 * @param startedAt      when the upload started
 * @param replica        the id of the replica that serves it (its lease decides whether an unended attempt is
 *                       {@link JournalEntry.AttemptStatus#ABANDONED}); 1 to 128 printable characters
 */
public record UploadAttempt(OwnerId owner, DocumentType type, String callerKey, Optional<KeyHash> idempotencyKey,
        OptionalLong declaredSize, Optional<String> declaredSha256, Instant startedAt, String replica) {
    public UploadAttempt {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(type, "type");
        StoreValues.name(callerKey, "callerKey");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
        Objects.requireNonNull(declaredSize, "declaredSize");
        if (declaredSize.isPresent() && declaredSize.getAsLong() < 0) {
            throw new IllegalArgumentException("declaredSize must not be negative");
        }
        Objects.requireNonNull(declaredSha256, "declaredSha256");
        declaredSha256.ifPresent(d -> StoreValues.sha256(d, "declaredSha256"));
        Objects.requireNonNull(startedAt, "startedAt");
        StoreValues.name(replica, "replica");
    }
}
