package io.docverify.ports.out;

import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import io.docverify.ports.in.DocumentList;
import io.docverify.ports.in.UploadDocumentCommand;
import java.util.concurrent.CompletionStage;

/**
 * What the domain needs from whoever stores and reviews documents: Dwolla itself (adapter-dwolla-http) or the
 * offline stand-in (adapter-inmemory). Both give the same documents and the same typed errors
 * ({@link io.docverify.domain.error.DocumentException} with Dwolla's code) for the same inputs; a shared
 * behaviour suite (the ports test-jar) checks that.
 *
 * <p>Implementations are thread-safe and never block the calling thread on I/O.
 */
public interface DocumentProvider {
    /**
     * Creates a document from an upload; see {@link io.docverify.ports.in.UploadDocumentUseCase}, whose guarantee
     * for a content that fails or an upload cancelled through the returned stage every provider keeps.
     */
    CompletionStage<Document> create(UploadDocumentCommand command);

    /** Reads a document; fails with {@code notFound}. */
    CompletionStage<Document> get(DocumentId id);

    /** Lists an owner's documents, newest first; fails with {@code notFound} for an unknown owner. */
    CompletionStage<DocumentList> list(OwnerId owner);
}
