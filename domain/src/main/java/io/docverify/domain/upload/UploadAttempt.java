package io.docverify.domain.upload;

import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.owner.Owner;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything the upload rules look at: the owner as it is now, the requested type, the inspected file, how many
 * of the owner's documents await review, and which earlier document (if any) has the same fingerprint.
 */
public record UploadAttempt(Owner owner, DocumentType type, InspectedFile file, long pendingDocuments,
        Optional<DocumentId> sameFileAs, UploadLimits limits) {
    public UploadAttempt {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(file, "file");
        Objects.requireNonNull(sameFileAs, "sameFileAs");
        Objects.requireNonNull(limits, "limits");
    }
}
