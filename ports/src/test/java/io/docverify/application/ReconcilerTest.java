package io.docverify.application;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentState;
import io.docverify.domain.DocumentType;
import io.docverify.domain.OwnerId;
import io.docverify.domain.event.DocumentEvent;
import io.docverify.ports.out.DocumentPage;
import io.docverify.ports.out.DocumentProvider;
import io.docverify.ports.out.DocumentSubmission;
import io.docverify.ports.out.EventFeed;
import io.docverify.ports.out.EventPage;
import io.docverify.ports.out.ProviderEvent;
import io.docverify.ports.out.WebhookInbox.Status;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ReconcilerTest {
    private static final Instant NOW = Instant.parse("2026-12-07T12:00:00Z");

    private final MapInbox inbox = new MapInbox();
    private final List<ProviderEvent> feedEvents = new ArrayList<>();
    private final AtomicInteger eventsServed = new AtomicInteger();
    private final List<ProviderEvent> applied = new CopyOnWriteArrayList<>();
    private final List<DocumentEvent> published = new CopyOnWriteArrayList<>();
    private CompletableFuture<Void> feedGate = CompletableFuture.completedFuture(null);

    /** Every document is reviewed and accepted. */
    private final DocumentProvider provider = new DocumentProvider() {
        @Override
        public CompletionStage<Document> create(DocumentSubmission submission) {
            throw new UnsupportedOperationException("reconciliation never uploads or lists");
        }

        @Override
        public CompletionStage<Document> get(DocumentId id) {
            return CompletableFuture.completedFuture(new Document(id, Optional.empty(), DocumentType.PASSPORT, NOW,
                    DocumentState.Accepted.INSTANCE));
        }

        @Override
        public CompletionStage<DocumentPage> list(OwnerId owner) {
            throw new UnsupportedOperationException("reconciliation never uploads or lists");
        }
    };

    /** Newest first, like Dwolla's {@code GET /events}. */
    private final EventFeed feed = (offset, limit) -> feedGate.thenApply(v -> {
        List<ProviderEvent> sorted = feedEvents.stream()
                .sorted(Comparator.comparing(ProviderEvent::created).reversed()).toList();
        List<ProviderEvent> page = sorted.subList(Math.min(offset, sorted.size()),
                Math.min(offset + limit, sorted.size()));
        eventsServed.addAndGet(page.size());
        return new EventPage(page, sorted.size());
    });

    private Reconciler reconciler(Reconciler.Settings settings) {
        DocumentEventBus bus = new DocumentEventBus();
        bus.subscribe(published::add);
        var processor = new WebhookProcessor(provider, inbox, bus, applied::add, Clock.fixed(NOW, ZoneOffset.UTC),
                100, WebhookProcessor.Observer.NONE);
        return new Reconciler(feed, inbox, processor, Clock.fixed(NOW, ZoneOffset.UTC), settings);
    }

    private ProviderEvent event(String id, int minutesAgo) {
        var e = WebhookProcessorTest.event(id, "customer_verification_document_approved", "d-" + id,
                NOW.minus(Duration.ofMinutes(minutesAgo)));
        feedEvents.add(e);
        return e;
    }

    private static Reconciler.Result run(Reconciler reconciler) {
        return reconciler.run().toCompletableFuture().join();
    }

    @Test
    void aMissedEventIsAppliedAndTheRunStopsAtTheLastProcessedOne() {
        ProviderEvent ancient = event("e-0", 300);
        ProviderEvent last = event("e-1", 200);
        ProviderEvent missed = event("e-2", 100);
        ProviderEvent alsoMissed = event("e-3", 50);
        inbox.markProcessed(last);

        Reconciler.Result result = run(reconciler(new Reconciler.Settings(Duration.ofHours(1), 100, 1)));

        assertThat(applied).containsExactly(missed, alsoMissed);
        assertThat(published).extracting(e -> ((DocumentEvent.DocumentApproved) e).documentId().value())
                .containsExactly("d-e-2", "d-e-3");
        assertThat(inbox.status("e-2").toCompletableFuture().join()).isEqualTo(Status.PROCESSED);
        assertThat(inbox.status(ancient.id()).toCompletableFuture().join()).isEqualTo(Status.UNKNOWN);
        assertThat(result).isEqualTo(new Reconciler.Result(2, 2, 0, true));
        // Pages of one: e-3, e-2, then e-1 (the stop), never e-0.
        assertThat(eventsServed).hasValue(3);
    }

    @Test
    void withoutAProcessedEventARunReadsBackTheLookbackAndAppliesOldestFirst() {
        event("too-old", 120);
        ProviderEvent b = event("b", 30);
        ProviderEvent a = event("a", 45);
        ProviderEvent c = event("c", 10);

        Reconciler.Result result = run(reconciler(new Reconciler.Settings(Duration.ofHours(1), 100, 200)));

        assertThat(applied).containsExactly(a, b, c);
        assertThat(result.complete()).isTrue();
        assertThat(inbox.status("too-old").toCompletableFuture().join()).isEqualTo(Status.UNKNOWN);
    }

    @Test
    void theInboxsUnprocessedEventsAreAppliedToo() {
        ProviderEvent last = event("last", 10);
        ProviderEvent stuck = WebhookProcessorTest.event("stuck", "customer_verification_document_approved",
                "d-stuck", NOW.minus(Duration.ofMinutes(20)));
        inbox.record(stuck);
        inbox.markProcessed(last);

        run(reconciler(Reconciler.Settings.DEFAULTS));

        assertThat(applied).containsExactly(stuck);
    }

    @Test
    void aRunStopsAtItsMostEventsAndSaysItIsIncomplete() {
        for (int i = 0; i < 10; i++) {
            event("e-" + i, 10 + i);
        }

        Reconciler.Result result = run(reconciler(new Reconciler.Settings(Duration.ofHours(1), 4, 3)));

        assertThat(result).isEqualTo(new Reconciler.Result(4, 4, 0, false));
        assertThat(eventsServed).hasValue(4);
        assertThat(applied).extracting(ProviderEvent::id).containsExactly("e-3", "e-2", "e-1", "e-0");
    }

    @Test
    void aRunAskedForWhileOneIsGoingIsThatRun() {
        event("e-1", 5);
        feedGate = new CompletableFuture<>();
        Reconciler reconciler = reconciler(Reconciler.Settings.DEFAULTS);

        CompletionStage<Reconciler.Result> first = reconciler.run();
        CompletionStage<Reconciler.Result> second = reconciler.run();
        feedGate.complete(null);

        assertThat(first.toCompletableFuture().join()).isEqualTo(second.toCompletableFuture().join());
        assertThat(applied).hasSize(1);
        assertThat(eventsServed).hasValue(1);
    }

    @Test
    void aFeedThatFailsFailsTheRunAndTheNextRunStartsAfresh() {
        event("e-1", 5);
        feedGate = CompletableFuture.failedFuture(new IllegalStateException("Dwolla is unreachable"));
        Reconciler reconciler = reconciler(Reconciler.Settings.DEFAULTS);

        assertThat(reconciler.run().toCompletableFuture()).isCompletedExceptionally();
        feedGate = CompletableFuture.completedFuture(null);

        assertThat(run(reconciler).applied()).isEqualTo(1);
    }
}
