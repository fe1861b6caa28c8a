package io.docverify.ports.out;

import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import java.util.concurrent.CompletionStage;

/**
 * Whoever stores and reviews documents: Dwolla itself (adapter-dwolla-http) or the offline stand-in
 * (adapter-inmemory). Both give the same documents and the same typed errors
 * ({@link io.docverify.domain.error.DocumentException} with Dwolla's code) for the same inputs; a shared
 * behaviour suite (the ports test-jar) checks that.
 *
 * <p>Where the work happens: Dwolla is the system of record, so a provider does the provider's part of an upload
 * (the owner, the idempotency key, the upload rules, the atomic commit, the review); the in-memory stand-in does
 * all of it itself, through the domain, and the Dwolla adapter checks locally what it can without Dwolla and
 * sends the rest to Dwolla. What is docverify's own (list order, watches) stays in the application layer.
 *
 * <p>Implementations are thread-safe and never block the calling thread on I/O.
 */
public interface DocumentProvider {
    /**
     * Creates a document from a submission; completes with the created document (pending), or fails with Dwolla's
     * code. Only a file whose content completes can become a document: a content that fails, or a create whose
     * stage the caller cancels before the content completed, creates nothing, stops reading the content and
     * frees the idempotency key at once.
     */
    CompletionStage<Document> create(DocumentSubmission submission);

    /** Reads a document; fails with {@code notFound}. */
    CompletionStage<Document> get(DocumentId id);

    /** Lists an owner's documents, newest first; fails with {@code notFound} for an unknown owner. */
    CompletionStage<DocumentPage> list(OwnerId owner);
}
