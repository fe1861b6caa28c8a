package io.docverify.application;

import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.ports.in.GetDocumentUseCase;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.reactivestreams.tck.TestEnvironment;
import org.reactivestreams.tck.flow.FlowPublisherVerification;
import org.testng.annotations.AfterClass;
import org.testng.annotations.Test;

/**
 * The Reactive Streams TCK against what {@link DocumentWatchService#watch} returns. A watch is finite by nature:
 * at most two documents (pending, then reviewed) and never an empty stream (the first read always gives the
 * document or fails), so {@link #maxElementsFromPublisher} is 2 and the TCK skips the tests that need more
 * elements, and the optional empty-stream test is marked not verified here (given a one-document watch for 0
 * elements, the TCK would only note the mismatch in its environment and pass). The failed publisher watches a
 * document that does not exist.
 */
public class DocumentWatchTckTest extends FlowPublisherVerification<Document> {
    private static final CustomerId OWNER = new CustomerId("c-1");
    private static final DocumentId ID = new DocumentId("d-1");
    private static final Document PENDING =
            Document.pending(ID, OWNER, DocumentType.PASSPORT, Instant.parse("2024-05-01T10:00:00Z"));
    private static final Document REVIEWED = PENDING.review(ReviewDecision.accept()).orThrow();

    private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();

    public DocumentWatchTckTest() {
        super(new TestEnvironment(2_000, 100), 1_000);
    }

    @AfterClass
    public void stopScheduler() {
        scheduler.shutdownNow();
    }

    @Override
    public long maxElementsFromPublisher() {
        return 2;
    }

    @Override
    @Test
    public void optional_spec105_emptyStreamMustTerminateBySignallingOnComplete() {
        notVerified("A watch is never empty: its first read gives the document, or fails.");
    }

    @Override
    public Flow.Publisher<Document> createFlowPublisher(long elements) {
        var reads = new AtomicInteger();
        // 2: pending at the first read, reviewed at the next poll; 1: reviewed at once; 0: pending for good.
        GetDocumentUseCase provider = id -> CompletableFuture.completedFuture(
                elements == 1 || (elements == 2 && reads.getAndIncrement() > 0) ? REVIEWED : PENDING);
        return service(provider).watch(ID);
    }

    @Override
    public Flow.Publisher<Document> createFailedFlowPublisher() {
        return service(id -> CompletableFuture.failedFuture(
                DocumentError.of(ErrorCode.NOT_FOUND, "Document not found.").toException())).watch(ID);
    }

    private DocumentWatchService service(GetDocumentUseCase provider) {
        return new DocumentWatchService(provider, Optional.empty(), scheduler,
                WatchConfig.polling(Duration.ofMillis(5)));
    }
}
