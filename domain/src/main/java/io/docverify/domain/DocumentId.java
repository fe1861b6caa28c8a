package io.docverify.domain;

import java.util.UUID;

/**
 * The id of a document. Dwolla's ids are UUIDs; any token of 1 to 64 letters, digits, '.', '_' or '-' is
 * accepted, anything else is a {@code ValidationError}.
 */
public record DocumentId(String value) {
    public DocumentId {
        IdFormat.requireValid(value, "/documentId");
    }

    /** A new random id, as Dwolla would assign. */
    public static DocumentId random() {
        return new DocumentId(UUID.randomUUID().toString());
    }

    @Override
    public String toString() {
        return value;
    }
}
