package io.docverify.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.application.WebhookProcessor.Outcome;
import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.event.DocumentEvent;
import io.docverify.domain.review.KnownFailureReason;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.ports.out.DocumentPage;
import io.docverify.ports.out.DocumentProvider;
import io.docverify.ports.out.DocumentSubmission;
import io.docverify.ports.out.ProviderEvent;
import io.docverify.ports.out.WebhookInbox.Status;
import io.docverify.domain.OwnerId;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class WebhookProcessorTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");
    private static final DocumentId ID = new DocumentId("d-1");
    private static final DocumentId SECOND = new DocumentId("d-2");
    private static final CustomerId CUSTOMER = new CustomerId("c-1");

    private final AtomicReference<Document> stored = new AtomicReference<>(
            new Document(ID, Optional.empty(), DocumentType.PASSPORT, NOW.minusSeconds(3600),
                    io.docverify.domain.DocumentState.Pending.INSTANCE));
    private final AtomicReference<RuntimeException> readFailure = new AtomicReference<>();
    private final AtomicInteger reads = new AtomicInteger();
    private final MapInbox inbox = new MapInbox();
    private final DocumentEventBus bus = new DocumentEventBus();
    private final List<DocumentEvent> published = new CopyOnWriteArrayList<>();
    private final List<ProviderEvent> applied = new CopyOnWriteArrayList<>();
    private final List<Duration> lags = new CopyOnWriteArrayList<>();
    private final List<Throwable> failures = new CopyOnWriteArrayList<>();

    private final DocumentProvider provider = new DocumentProvider() {
        @Override
        public CompletionStage<Document> create(DocumentSubmission submission) {
            throw new UnsupportedOperationException("a webhook never uploads");
        }

        @Override
        public CompletionStage<Document> get(DocumentId id) {
            reads.incrementAndGet();
            if (readFailure.get() != null) {
                return CompletableFuture.failedFuture(readFailure.get());
            }
            if (id.equals(SECOND)) {
                return CompletableFuture.completedFuture(new Document(SECOND, Optional.empty(), DocumentType.PASSPORT,
                        NOW, io.docverify.domain.DocumentState.Pending.INSTANCE));
            }
            return id.equals(ID) ? CompletableFuture.completedFuture(stored.get())
                    : CompletableFuture.failedFuture(DocumentError.of(ErrorCode.NOT_FOUND, "Document not found.")
                            .toException());
        }

        @Override
        public CompletionStage<DocumentPage> list(OwnerId owner) {
            throw new UnsupportedOperationException("a webhook never lists");
        }
    };

    private final WebhookProcessor processor;

    WebhookProcessorTest() {
        bus.subscribe(published::add);
        processor = new WebhookProcessor(provider, inbox, bus, applied::add, Clock.fixed(NOW, ZoneOffset.UTC), 100,
                new WebhookProcessor.Observer() {
                    @Override
                    public void processed(ProviderEvent event, Outcome outcome, Duration lag) {
                        lags.add(lag);
                    }

                    @Override
                    public void failed(ProviderEvent event, Throwable cause) {
                        failures.add(cause);
                    }
                });
    }

    static ProviderEvent event(String id, String topic, String resourceId, Instant created) {
        return new ProviderEvent(id, created, topic, resourceId,
                Optional.of(URI.create("https://api-sandbox.dwolla.com/documents/" + resourceId)),
                Optional.of(URI.create("https://api-sandbox.dwolla.com/customers/" + CUSTOMER.value())));
    }

    private ProviderEvent documentEvent(String id, String suffix) {
        return event(id, "customer_verification_document_" + suffix, ID.value(), NOW.minusSeconds(5));
    }

    private Outcome process(ProviderEvent event) {
        inbox.record(event);
        return processor.process(event).toCompletableFuture().join();
    }

    private void review(ReviewDecision decision) {
        stored.set(stored.get().review(decision).orThrow());
    }

    @Test
    void anApprovalIsReadPublishedMarkedProcessedAndHandedOn() {
        review(ReviewDecision.accept());
        ProviderEvent approved = documentEvent("e-1", "approved");

        assertThat(process(approved)).isEqualTo(Outcome.PUBLISHED);

        assertThat(published).singleElement().isInstanceOfSatisfying(DocumentEvent.DocumentApproved.class, e -> {
            assertThat(e.documentId()).isEqualTo(ID);
            assertThat(e.owner()).isEqualTo(CUSTOMER);
        });
        assertThat(inbox.status("e-1").toCompletableFuture().join()).isEqualTo(Status.PROCESSED);
        assertThat(applied).containsExactly(approved);
        assertThat(lags).containsExactly(Duration.ofSeconds(5));
    }

    @Test
    void aRejectionIsPublishedWithItsReasons() {
        review(ReviewDecision.reject(KnownFailureReason.SCAN_NOT_READABLE));

        assertThat(process(documentEvent("e-1", "failed"))).isEqualTo(Outcome.PUBLISHED);

        assertThat(published).singleElement().isInstanceOfSatisfying(DocumentEvent.DocumentFailed.class,
                e -> assertThat(e.reasons()).hasSize(1));
    }

    @Test
    void aPendingDocumentIsPublishedAsUploaded() {
        assertThat(process(documentEvent("e-1", "uploaded"))).isEqualTo(Outcome.PUBLISHED);

        assertThat(published).singleElement().isInstanceOf(DocumentEvent.DocumentUploaded.class);
    }

    @Test
    void aSecondEventWithTheSameNewsPublishesNothing() {
        review(ReviewDecision.accept());
        process(documentEvent("e-1", "approved"));

        assertThat(process(documentEvent("e-2", "approved"))).isEqualTo(Outcome.UNCHANGED);

        assertThat(published).hasSize(1);
        assertThat(applied).hasSize(2);
    }

    @Test
    void anUploadedEventAfterTheApprovalChangesNothing() {
        review(ReviewDecision.accept());
        process(documentEvent("e-approved", "approved"));

        assertThat(process(documentEvent("e-uploaded", "uploaded"))).isEqualTo(Outcome.UNCHANGED);

        assertThat(published).singleElement().isInstanceOf(DocumentEvent.DocumentApproved.class);
        assertThat(inbox.status("e-uploaded").toCompletableFuture().join()).isEqualTo(Status.PROCESSED);
    }

    @Test
    void anEventThatCannotBeNewsIsNotRead() {
        process(documentEvent("e-1", "uploaded"));
        assertThat(reads).hasValue(1);

        // Known pending: another _uploaded event can announce nothing more.
        assertThat(process(documentEvent("e-2", "uploaded"))).isEqualTo(Outcome.UNCHANGED);
        assertThat(reads).hasValue(1);

        // Known pending, an approval announced: read, and published.
        review(ReviewDecision.accept());
        assertThat(process(documentEvent("e-3", "approved"))).isEqualTo(Outcome.PUBLISHED);
        assertThat(reads).hasValue(2);

        // Known reviewed (final): neither a repeated approval nor a late upload event is read.
        assertThat(process(documentEvent("e-4", "approved"))).isEqualTo(Outcome.UNCHANGED);
        assertThat(process(documentEvent("e-5", "failed"))).isEqualTo(Outcome.UNCHANGED);
        assertThat(process(documentEvent("e-6", "uploaded"))).isEqualTo(Outcome.UNCHANGED);
        assertThat(reads).hasValue(2);

        assertThat(published).hasSize(2);
        assertThat(published.get(1)).isInstanceOf(DocumentEvent.DocumentApproved.class);
        assertThat(applied).hasSize(6);
        for (String id : List.of("e-2", "e-4", "e-5", "e-6")) {
            assertThat(inbox.status(id).toCompletableFuture().join()).isEqualTo(Status.PROCESSED);
        }
    }

    @Test
    void aDocumentForgottenByTheBoundedMemoryIsReadAgain() {
        var small = new WebhookProcessor(provider, inbox, bus, applied::add, Clock.fixed(NOW, ZoneOffset.UTC), 1,
                WebhookProcessor.Observer.NONE);
        small.process(documentEvent("e-1", "uploaded")).toCompletableFuture().join();
        small.process(event("e-2", "customer_verification_document_uploaded", SECOND.value(), NOW))
                .toCompletableFuture().join();
        assertThat(reads).hasValue(2);

        small.process(documentEvent("e-3", "uploaded")).toCompletableFuture().join();

        assertThat(reads).hasValue(3);
    }

    @Test
    void aFailedReadLeavesTheEventUnprocessedAndHandsNothingOn() {
        readFailure.set(DocumentError.of(ErrorCode.SERVICE_UNAVAILABLE, "Dwolla is unreachable.").toException());

        assertThat(process(documentEvent("e-1", "approved"))).isEqualTo(Outcome.FAILED);

        assertThat(inbox.status("e-1").toCompletableFuture().join()).isEqualTo(Status.RECORDED);
        assertThat(published).isEmpty();
        assertThat(applied).isEmpty();
        assertThat(failures).singleElement().satisfies(f -> assertThat(f.getMessage()).contains("unreachable"));
    }

    @Test
    void anApprovalTheReadDoesNotShowYetStaysUnprocessed() {
        assertThat(process(documentEvent("e-1", "approved"))).isEqualTo(Outcome.FAILED);

        assertThat(inbox.status("e-1").toCompletableFuture().join()).isEqualTo(Status.RECORDED);
        assertThat(published).isEmpty();

        review(ReviewDecision.accept());
        assertThat(processor.process(documentEvent("e-1", "approved")).toCompletableFuture().join())
                .isEqualTo(Outcome.PUBLISHED);
    }

    @Test
    void aDocumentTheProviderDoesNotKnowIsProcessedAsNothingToDo() {
        ProviderEvent other = event("e-1", "customer_verification_document_approved", "d-other", NOW);

        assertThat(process(other)).isEqualTo(Outcome.IGNORED);

        assertThat(inbox.status("e-1").toCompletableFuture().join()).isEqualTo(Status.PROCESSED);
        assertThat(published).isEmpty();
    }

    @Test
    void anOwnerTopicIsHandedOnWithoutARead() {
        ProviderEvent verified = event("e-1", "customer_verified", CUSTOMER.value(), NOW);

        assertThat(process(verified)).isEqualTo(Outcome.PASSED);

        assertThat(reads).hasValue(0);
        assertThat(applied).containsExactly(verified);
        assertThat(inbox.status("e-1").toCompletableFuture().join()).isEqualTo(Status.PROCESSED);
    }
}
