package io.docverify.ports.in;

import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import java.util.concurrent.CompletionStage;

/** Read one document by id. */
public interface GetDocumentUseCase {
    /** Completes with the document, or fails with {@code notFound}. */
    CompletionStage<Document> get(DocumentId id);
}
