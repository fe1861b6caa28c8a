package io.docverify.application;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.VerificationStatus;
import io.docverify.domain.error.DocumentError;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.event.DocumentEvent;
import io.docverify.domain.review.KnownFailureReason;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.ports.in.GetDocumentUseCase;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Flow;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DocumentWatchServiceTest {
    private static final CustomerId OWNER = new CustomerId("c-1");
    private static final DocumentId ID = new DocumentId("d-1");
    private static final Instant CREATED = Instant.parse("2024-05-01T10:00:00Z");

    private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
    private final DocumentEventBus bus = new DocumentEventBus();
    private final AtomicReference<Document> stored =
            new AtomicReference<>(Document.pending(ID, OWNER, DocumentType.PASSPORT, CREATED));
    private final AtomicInteger reads = new AtomicInteger();

    {
        scheduler.setRemoveOnCancelPolicy(true);
    }

    @AfterEach
    void stopScheduler() {
        scheduler.shutdownNow();
    }

    private final GetDocumentUseCase provider = id -> {
        reads.incrementAndGet();
        Document current = stored.get();
        return id.equals(current.id())
                ? CompletableFuture.completedFuture(current)
                : CompletableFuture.failedFuture(DocumentError.of(ErrorCode.NOT_FOUND, "Document not found.")
                        .toException());
    };

    private void review(ReviewDecision decision) {
        stored.set(stored.get().review(decision).orThrow());
        bus.publish(decision instanceof ReviewDecision.Reject r
                ? new DocumentEvent.DocumentFailed(ID, OWNER, r.reasons(), CREATED)
                : new DocumentEvent.DocumentApproved(ID, OWNER, CREATED));
    }

    @Test
    void emitsTheDocumentNowThenItsReviewAndCompletes() throws Exception {
        var watcher = new Recorder(Long.MAX_VALUE);
        new DocumentWatchService(provider, Optional.of(bus), scheduler, WatchConfig.EVENTS_ONLY).watch(ID)
                .subscribe(watcher);
        assertThat(watcher.next().verificationStatus()).isEqualTo(VerificationStatus.PENDING);

        review(ReviewDecision.reject(KnownFailureReason.SCAN_NOT_READABLE));

        Document reviewed = watcher.next();
        assertThat(reviewed.verificationStatus()).isEqualTo(VerificationStatus.REJECTED);
        assertThat(reviewed.failureReason().orElseThrow().reason()).isEqualTo("ScanNotReadable");
        assertThat(watcher.awaitEnd()).isEqualTo("complete");
        assertThat(bus.listenerCount()).isZero();
    }

    @Test
    void aReviewDuringTheFirstReadIsNotLost() throws Exception {
        var listenersDuringRead = new AtomicInteger(-1);
        var firstRead = new java.util.concurrent.atomic.AtomicBoolean(true);
        GetDocumentUseCase racing = id -> {
            Document before = stored.get();
            if (firstRead.compareAndSet(true, false)) {
                // The review lands after the first read saw "pending" and before its answer is delivered.
                listenersDuringRead.set(bus.listenerCount());
                review(ReviewDecision.accept());
                return CompletableFuture.completedFuture(before);
            }
            return CompletableFuture.completedFuture(stored.get());
        };
        var watcher = new Recorder(Long.MAX_VALUE);
        new DocumentWatchService(racing, Optional.of(bus), scheduler, WatchConfig.EVENTS_ONLY).watch(ID)
                .subscribe(watcher);

        assertThat(listenersDuringRead.get()).as("subscribed to events before reading").isEqualTo(1);
        List<VerificationStatus> seen = new ArrayList<>();
        seen.add(watcher.next().verificationStatus());
        if (seen.get(0) == VerificationStatus.PENDING) {
            seen.add(watcher.next().verificationStatus());
        }
        assertThat(seen).last().isEqualTo(VerificationStatus.ACCEPTED);
        assertThat(watcher.awaitEnd()).isEqualTo("complete");
    }

    @Test
    void anAlreadyReviewedDocumentIsEmittedOnceAndTheStreamCompletes() throws Exception {
        stored.set(stored.get().review(ReviewDecision.accept()).orThrow());
        var watcher = new Recorder(Long.MAX_VALUE);
        new DocumentWatchService(provider, Optional.of(bus), scheduler, WatchConfig.EVENTS_ONLY).watch(ID)
                .subscribe(watcher);

        assertThat(watcher.next().verificationStatus()).isEqualTo(VerificationStatus.ACCEPTED);
        assertThat(watcher.awaitEnd()).isEqualTo("complete");
        assertThat(watcher.documents).isEmpty();
        assertThat(bus.listenerCount()).isZero();
    }

    @Test
    void anUnknownDocumentFailsWithNotFoundAndReleasesItsListener() throws Exception {
        var watcher = new Recorder(Long.MAX_VALUE);
        new DocumentWatchService(provider, Optional.of(bus), scheduler, WatchConfig.EVENTS_ONLY)
                .watch(new DocumentId("other")).subscribe(watcher);

        assertThat(watcher.awaitEnd()).isEqualTo("error notFound");
        assertThat(bus.listenerCount()).isZero();
    }

    @Test
    void cancellingReleasesTheListenerAndThePoller() throws Exception {
        var watcher = new Recorder(Long.MAX_VALUE);
        new DocumentWatchService(provider, Optional.of(bus), scheduler, WatchConfig.polling(Duration.ofSeconds(30)))
                .watch(ID).subscribe(watcher);
        watcher.next();
        assertThat(bus.listenerCount()).isEqualTo(1);
        assertThat(scheduler.getQueue()).hasSize(1);

        watcher.subscription.cancel();

        assertThat(bus.listenerCount()).isZero();
        assertThat(scheduler.getQueue()).isEmpty();
        review(ReviewDecision.accept());
        assertThat(watcher.documents.poll(50, TimeUnit.MILLISECONDS)).isNull();
    }

    @Test
    void pollingSeesAReviewThatArrivesWithoutAnEvent() throws Exception {
        var watcher = new Recorder(Long.MAX_VALUE);
        new DocumentWatchService(provider, Optional.empty(), scheduler, WatchConfig.polling(Duration.ofMillis(10)))
                .watch(ID).subscribe(watcher);
        assertThat(watcher.next().isPending()).isTrue();

        stored.set(stored.get().review(ReviewDecision.accept()).orThrow());

        assertThat(watcher.next().verificationStatus()).isEqualTo(VerificationStatus.ACCEPTED);
        assertThat(watcher.awaitEnd()).isEqualTo("complete");
        assertThat(scheduler.getQueue()).isEmpty();
    }

    @Test
    void aTransientPollFailureIsRetriedAtTheNextTick() throws Exception {
        var failNext = new AtomicInteger(0);
        GetDocumentUseCase flaky = id -> failNext.getAndDecrement() > 0
                ? CompletableFuture.failedFuture(new DocumentException(
                        DocumentError.of(ErrorCode.SERVICE_UNAVAILABLE, "Dwolla is unreachable.")))
                : provider.get(id);
        var watcher = new Recorder(Long.MAX_VALUE);
        new DocumentWatchService(flaky, Optional.empty(), scheduler, WatchConfig.polling(Duration.ofMillis(10)))
                .watch(ID).subscribe(watcher);
        watcher.next();
        failNext.set(3);
        stored.set(stored.get().review(ReviewDecision.accept()).orThrow());

        assertThat(watcher.next().verificationStatus()).isEqualTo(VerificationStatus.ACCEPTED);
        assertThat(watcher.awaitEnd()).isEqualTo("complete");
    }

    @Test
    void documentsGoOutOnlyOnDemand() throws Exception {
        var watcher = new Recorder(0);
        new DocumentWatchService(provider, Optional.of(bus), scheduler, WatchConfig.EVENTS_ONLY).watch(ID)
                .subscribe(watcher);
        assertThat(watcher.documents.poll(50, TimeUnit.MILLISECONDS)).isNull();

        watcher.subscription.request(1);
        assertThat(watcher.next().isPending()).isTrue();
        review(ReviewDecision.accept());
        assertThat(watcher.documents.poll(50, TimeUnit.MILLISECONDS)).isNull();

        watcher.subscription.request(1);
        assertThat(watcher.next().isPending()).isFalse();
        assertThat(watcher.awaitEnd()).isEqualTo("complete");
    }

    @Test
    void aWatchWithNeitherEventsNorPollingIsRefused() {
        assertThatThrownBy(() -> new DocumentWatchService(provider, Optional.empty(), scheduler,
                WatchConfig.EVENTS_ONLY)).isInstanceOf(IllegalArgumentException.class);
    }

    /** Records what a watch delivers; requests {@code initial} at subscription. */
    private static final class Recorder implements Flow.Subscriber<Document> {
        final BlockingQueue<Document> documents = new LinkedBlockingQueue<>();
        final CompletableFuture<String> end = new CompletableFuture<>();
        private final long initial;
        volatile Flow.Subscription subscription;

        Recorder(long initial) {
            this.initial = initial;
        }

        @Override
        public void onSubscribe(Flow.Subscription s) {
            subscription = s;
            if (initial > 0) {
                s.request(initial);
            }
        }

        @Override
        public void onNext(Document item) {
            documents.add(item);
        }

        @Override
        public void onError(Throwable throwable) {
            end.complete("error " + (throwable instanceof DocumentException e ? e.code().wire() : throwable));
        }

        @Override
        public void onComplete() {
            end.complete("complete");
        }

        Document next() throws InterruptedException {
            Document d = documents.poll(5, TimeUnit.SECONDS);
            assertThat(d).as("a document within 5 s").isNotNull();
            return d;
        }

        String awaitEnd() throws Exception {
            return end.get(5, TimeUnit.SECONDS);
        }
    }
}
