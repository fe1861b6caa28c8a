package io.docverify.grpc.webhook;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.docverify.adapter.inmemory.store.InMemoryWebhookInbox;
import io.docverify.application.Reconciler;
import io.docverify.domain.Document;
import io.docverify.domain.VerificationStatus;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.grpc.config.WebhookSettings;
import io.docverify.ports.out.EventFeed;
import io.docverify.ports.out.EventPage;
import io.docverify.ports.out.ProviderEvent;
import io.docverify.ports.out.WebhookInbox.Status;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/** A webhook missed while the service was down is found in the provider's event feed and applied. */
class WebhookReconciliationTest {
    private final List<ProviderEvent> feedEvents = new CopyOnWriteArrayList<>();
    private final AtomicInteger pagesRead = new AtomicInteger();
    private final EventFeed feed = (offset, limit) -> {
        pagesRead.incrementAndGet();
        var newestFirst = new ArrayList<>(feedEvents);
        newestFirst.sort((a, b) -> b.created().compareTo(a.created()));
        return CompletableFuture.completedFuture(new EventPage(newestFirst.subList(Math.min(offset,
                newestFirst.size()), Math.min(offset + limit, newestFirst.size())), newestFirst.size()));
    };

    private static ProviderEvent approved(String id, Document document, Instant created) {
        return new ProviderEvent(id, created, "customer_verification_document_approved", document.id().value(),
                Optional.of(URI.create("https://api-sandbox.dwolla.com/documents/" + document.id())),
                document.owner().map(o -> URI.create("https://api-sandbox.dwolla.com/customers/" + o.value())));
    }

    @Test
    void aMissedApprovalInTheFeedReachesTheWatchOnDemand() throws Exception {
        var inbox = new InMemoryWebhookInbox(Clock.systemUTC(), WebhookSettings.DEFAULT_REPLAY_WINDOW, 1000);
        try (var h = new WebhookHarness(inbox, Optional.of(feed))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> pagesRead.get() >= 1); // the run at start
            Document document = h.pendingDocument();
            var watch = h.watch(document.id());
            assertThat(watch.next().verificationStatus()).isEqualTo(VerificationStatus.PENDING);
            h.review(document.id(), ReviewDecision.accept());
            feedEvents.add(approved("missed", document, Instant.now())); // its webhook never came

            Reconciler.Result result = h.intake.reconcile().orElseThrow().toCompletableFuture().join();

            assertThat(result.applied()).isEqualTo(1);
            assertThat(watch.next().verificationStatus()).isEqualTo(VerificationStatus.ACCEPTED);
            assertThat(inbox.status("missed").toCompletableFuture().join()).isEqualTo(Status.PROCESSED);
            assertThat(h.registry.find("docverify.webhooks.reconciliations").tag("result", "complete").counter()
                    .count()).isGreaterThanOrEqualTo(2);
        }
    }

    @Test
    void theRunAtStartAppliesWhatWasMissedWhileDown() throws Exception {
        var inbox = new InMemoryWebhookInbox(Clock.systemUTC(), WebhookSettings.DEFAULT_REPLAY_WINDOW, 1000);
        try (var first = new WebhookHarness()) {
            Document document = first.pendingDocument();
            first.review(document.id(), ReviewDecision.accept());
            feedEvents.add(approved("while-down", document, Instant.now().minusSeconds(600)));
        }
        try (var h = new WebhookHarness(inbox, Optional.of(feed))) {
            await().atMost(Duration.ofSeconds(5)).until(() -> inbox.status("while-down").toCompletableFuture()
                    .join() != Status.UNKNOWN);
            // The document lives in the first harness's stand-in: unknown here, so processed as nothing to do.
            await().atMost(Duration.ofSeconds(5)).until(() -> h.applied.size() == 1);
            assertThat(h.applied.get(0).id()).isEqualTo("while-down");
        }
    }

    @Test
    void aFailedReadIsRetriedByReconciliationSoonAfter() throws Exception {
        var inbox = new InMemoryWebhookInbox(Clock.systemUTC(), WebhookSettings.DEFAULT_REPLAY_WINDOW, 1000);
        try (var h = new WebhookHarness(inbox, Optional.of(feed))) {
            Document document = h.pendingDocument();
            var watch = h.watch(document.id());
            assertThat(watch.next().verificationStatus()).isEqualTo(VerificationStatus.PENDING);
            // The approval arrives before the read shows it (the provider's read lagging its own event).
            assertThat(h.post(WebhookHarness.event("early", "customer_verification_document_approved", document,
                    Instant.now()), WebhookHarness.SECRET).statusCode()).isEqualTo(200);
            await().atMost(Duration.ofSeconds(5)).until(() -> h.registry.find("docverify.webhooks.processed")
                    .tag("outcome", "failed").counter() != null);
            assertThat(inbox.status("early").toCompletableFuture().join()).isEqualTo(Status.RECORDED);

            h.review(document.id(), ReviewDecision.accept());

            // The harness retries 50 ms after a failure: the unprocessed event is applied then.
            assertThat(watch.next().verificationStatus()).isEqualTo(VerificationStatus.ACCEPTED);
            await().atMost(Duration.ofSeconds(5)).until(() -> inbox.status("early").toCompletableFuture().join()
                    == Status.PROCESSED);
        }
    }
}
