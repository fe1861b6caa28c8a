package io.docverify.ports.out;

import io.docverify.domain.Document;
import java.util.List;

/**
 * What a {@link DocumentProvider} answers for an owner's documents: the documents it returned and the total it
 * reports (Dwolla's {@code total}), never fewer than the documents returned.
 */
public record DocumentPage(List<Document> documents, int total) {
    public DocumentPage {
        documents = List.copyOf(documents);
        if (total < documents.size()) {
            throw new IllegalArgumentException("total " + total + " is less than " + documents.size() + " documents");
        }
    }

    /** Every document there is: the total is their number. */
    public static DocumentPage complete(List<Document> documents) {
        return new DocumentPage(documents, documents.size());
    }
}
