package io.docverify.ports.in;

import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import java.util.concurrent.Flow;

/** Follow one document through its review: the document now, then every change, until it is reviewed. */
public interface WatchDocumentUseCase {
    /**
     * The document's states as a publisher: the first item is the document as it is now, then one item per change
     * of its state; the stream completes right after the first reviewed state (a review is final), and fails with
     * a {@link io.docverify.domain.error.DocumentException} ({@code notFound} for an unknown document). Each
     * subscription is an independent watch; cancelling it releases everything the watch holds (event listeners,
     * pollers). Items are delivered on demand, never more than requested.
     */
    Flow.Publisher<Document> watch(DocumentId id);
}
