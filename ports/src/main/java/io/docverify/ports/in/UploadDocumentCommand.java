package io.docverify.ports.in;

import io.docverify.ports.file.FileUpload;

import io.docverify.domain.OwnerId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.IdempotencyKey;
import java.util.Objects;
import java.util.Optional;

/**
 * Upload one identity document for a customer or a beneficial owner. Validates itself: every field is
 * required except the idempotency key.
 */
public record UploadDocumentCommand(OwnerId owner, DocumentType type, FileUpload file,
        Optional<IdempotencyKey> idempotencyKey) {
    public UploadDocumentCommand {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(idempotencyKey, "idempotencyKey");
    }

    /** An upload without an idempotency key. */
    public static UploadDocumentCommand of(OwnerId owner, DocumentType type, FileUpload file) {
        return new UploadDocumentCommand(owner, type, file, Optional.empty());
    }

    /** The same upload with an idempotency key. */
    public UploadDocumentCommand withIdempotencyKey(IdempotencyKey key) {
        return new UploadDocumentCommand(owner, type, file, Optional.of(key));
    }
}
