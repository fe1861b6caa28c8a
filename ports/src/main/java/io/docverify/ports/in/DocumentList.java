package io.docverify.ports.in;

import io.docverify.domain.Document;
import java.util.List;

/** An owner's documents, newest first, with Dwolla's {@code total}. */
public record DocumentList(List<Document> documents, int total) {
    public DocumentList {
        documents = List.copyOf(documents);
        if (total < documents.size()) {
            throw new IllegalArgumentException("total " + total + " is less than " + documents.size() + " documents");
        }
    }

    /** A complete list: total is the number of documents. */
    public static DocumentList of(List<Document> documents) {
        return new DocumentList(documents, documents.size());
    }
}
