package io.docverify.ports.out;

import io.docverify.domain.DocumentType;
import io.docverify.domain.IdempotencyKey;
import io.docverify.domain.OwnerId;
import io.docverify.ports.file.FileUpload;
import java.util.Objects;
import java.util.Optional;

/**
 * One document handed to a {@link DocumentProvider} to create: whose it is, its type, the file (read once, on
 * demand) and the idempotency key that makes a repeat of the same request answer the same document. Every field
 * is required except the key.
 */
public record DocumentSubmission(OwnerId owner, DocumentType type, FileUpload file,
        Optional<IdempotencyKey> idempotencyKey) {
    public DocumentSubmission {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }

    /** A submission without an idempotency key. */
    public static DocumentSubmission of(OwnerId owner, DocumentType type, FileUpload file) {
        return new DocumentSubmission(owner, type, file, Optional.empty());
    }

    /** The same submission with an idempotency key. */
    public DocumentSubmission withIdempotencyKey(IdempotencyKey key) {
        return new DocumentSubmission(owner, type, file, Optional.of(key));
    }
}
