package io.docverify.ports.out;

import io.docverify.domain.DocumentId;

/** Where new document ids come from (random UUIDs in production, a sequence in tests). */
@FunctionalInterface
public interface DocumentIdSource {
    /** Random UUIDs, as Dwolla assigns. */
    DocumentIdSource RANDOM = DocumentId::random;

    /** A new, never used id. */
    DocumentId next();
}
