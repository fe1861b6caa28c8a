package io.docverify.adapter.inmemory;

import io.docverify.ports.contract.MutableClock;
import static io.docverify.adapter.inmemory.Stages.await;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.quicktheories.QuickTheory.qt;
import static org.quicktheories.generators.SourceDSL.integers;

import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.event.DocumentEvent;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.ports.contract.TestFiles;
import io.docverify.ports.out.DocumentIdSource;
import io.docverify.ports.out.DocumentSubmission;
import io.docverify.ports.out.EventPage;
import io.docverify.ports.out.ProviderEvent;
import io.docverify.ports.sandbox.NewBeneficialOwner;
import io.docverify.ports.sandbox.NewCustomer;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

/** The sandbox's event resources: kept, paged newest first, pruned, and handed to listeners in process. */
class EventLogTest {
    private static final Instant START = Instant.parse("2026-01-01T00:00:00Z");
    private final MutableClock clock = new MutableClock(START);

    private static DocumentEvent uploaded(int n, Instant at) {
        return new DocumentEvent.DocumentUploaded(new DocumentId("00000000-0000-0000-0000-" + String.format(
                "%012d", n)), new CustomerId("c" + n), DocumentType.PASSPORT, at);
    }

    private EventLog logOf(int count) {
        var log = new EventLog(clock);
        IntStream.range(0, count).forEach(n -> log.publish(uploaded(n, clock.instant())));
        return log;
    }

    @Test
    void pagesAreNewestFirstWithTheTotal() {
        EventLog log = logOf(5);

        EventLog.Page first = log.newest(0, 2);
        EventLog.Page last = log.newest(4, 2);

        assertThat(first.total()).isEqualTo(5);
        assertThat(first.events()).extracting(SandboxEvent::resourceId)
                .containsExactly(uploaded(4, START).resourceId(), uploaded(3, START).resourceId());
        assertThat(last.events()).extracting(SandboxEvent::resourceId).containsExactly(uploaded(0, START).resourceId());
        assertThat(log.newest(5, 2).events()).isEmpty();
    }

    @Test
    void eachEventHasItsOwnRandomIdAndCanBeReadBack() {
        EventLog log = logOf(3);
        List<SandboxEvent> all = log.newest(0, 3).events();

        assertThat(all).extracting(SandboxEvent::id).doesNotHaveDuplicates()
                .allSatisfy(id -> assertThat(java.util.UUID.fromString(id).toString()).isEqualTo(id));
        assertThat(log.get(all.get(1).id())).contains(all.get(1));
        assertThat(log.get("no-such-event")).isEmpty();
    }

    @Test
    void eventsOlderThanTheRetentionAreDroppedOnTheClock() {
        var log = new EventLog(clock, Duration.ofDays(30), 100);
        log.publish(uploaded(1, clock.instant()));
        String old = log.newest(0, 1).events().get(0).id();
        clock.advance(Duration.ofDays(29));
        log.publish(uploaded(2, clock.instant()));
        assertThat(log.size()).isEqualTo(2);

        clock.advance(Duration.ofDays(1).plusSeconds(1));

        assertThat(log.size()).isEqualTo(1);
        assertThat(log.get(old)).isEmpty();
        assertThat(log.newest(0, 10).events()).extracting(SandboxEvent::resourceId)
                .containsExactly(uploaded(2, START).resourceId());
    }

    @Test
    void theCountCapDropsTheOldest() {
        var log = new EventLog(clock, Duration.ofDays(30), 3);
        IntStream.range(0, 5).forEach(n -> log.publish(uploaded(n, clock.instant())));

        assertThat(log.size()).isEqualTo(3);
        assertThat(log.newest(0, 10).events()).extracting(SandboxEvent::resourceId).containsExactly(
                uploaded(4, START).resourceId(), uploaded(3, START).resourceId(), uploaded(2, START).resourceId());
    }

    @Test
    void badPagesAndSettingsAreRefused() {
        EventLog log = logOf(1);

        assertThatThrownBy(() -> log.newest(-1, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.newest(0, 0)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> log.newest(0, 201)).isInstanceOf(IllegalArgumentException.class);
        assertThat(log.page(0, 201).toCompletableFuture()).isCompletedExceptionally();
        assertThatThrownBy(() -> new EventLog(clock, Duration.ZERO, 1)).isInstanceOf(IllegalArgumentException.class);
        assertThatThrownBy(() -> new EventLog(clock, Duration.ofDays(1), 0))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void aThrowingListenerNeitherStopsTheOthersNorThePublisher() {
        var log = new EventLog(clock);
        List<SandboxEvent> seen = new CopyOnWriteArrayList<>();
        log.listen(e -> {
            throw new IllegalStateException("a broken listener");
        });
        log.listen(seen::add);

        log.publish(uploaded(1, START));

        assertThat(seen).hasSize(1);
        assertThat(log.size()).isEqualTo(1);
    }

    @Test
    void aClosedSubscriptionGetsNoMoreEvents() {
        var log = new EventLog(clock);
        List<SandboxEvent> seen = new CopyOnWriteArrayList<>();
        EventLog.Subscription subscription = log.listen(seen::add);
        log.publish(uploaded(1, START));

        subscription.close();
        subscription.close();
        log.publish(uploaded(2, START));

        assertThat(seen).extracting(SandboxEvent::resourceId).containsExactly(uploaded(1, START).resourceId());
    }

    @Test
    void theFeedLinksTheResourceAndTheCustomerUnderTheBaseUrl() {
        EventLog log = logOf(1);
        ProviderEvent unlinked = await(log.page(0, 1)).events().get(0);
        log.linksUnder(URI.create("http://127.0.0.1:8080/"));

        EventPage page = await(log.page(0, 1));

        ProviderEvent event = page.events().get(0);
        assertThat(unlinked.resource()).isEmpty();
        assertThat(event.concernsDocument()).isTrue();
        assertThat(event.resource()).contains(URI.create("http://127.0.0.1:8080/documents/" + event.resourceId()));
        assertThat(event.customer()).contains(URI.create("http://127.0.0.1:8080/customers/c0"));
        assertThat(page.total()).isEqualTo(1);
    }

    @Test
    void concurrentPublishersLoseNothing() throws Exception {
        var log = new EventLog(clock);
        List<SandboxEvent> seen = new CopyOnWriteArrayList<>();
        log.listen(seen::add);
        ExecutorService pool = Executors.newFixedThreadPool(4);
        var start = new CountDownLatch(1);
        try {
            for (int t = 0; t < 4; t++) {
                int thread = t;
                pool.submit(() -> {
                    start.await();
                    IntStream.range(0, 250).forEach(n -> log.publish(uploaded(thread * 1000 + n, START)));
                    return null;
                });
            }
            start.countDown();
        } finally {
            pool.shutdown();
            assertThat(pool.awaitTermination(10, TimeUnit.SECONDS)).isTrue();
        }
        assertThat(log.size()).isEqualTo(1000);
        assertThat(seen).hasSize(1000);
        assertThat(log.newest(0, 200).events()).extracting(SandboxEvent::id).doesNotHaveDuplicates();
    }

    @Test
    void inMemoryDwollaKeepsEveryEventAndStillPublishesToItsPublisher() {
        List<DocumentEvent> published = new CopyOnWriteArrayList<>();
        try (var dwolla = new InMemoryDwolla(InMemoryConfig.DEFAULTS.withClock(clock), published::add,
                DocumentIdSource.RANDOM)) {
            List<SandboxEvent> heard = new CopyOnWriteArrayList<>();
            dwolla.events().listen(heard::add);
            CustomerId customer = await(dwolla.createCustomer(
                    NewCustomer.inStatus(CustomerType.PERSONAL, CustomerStatus.DOCUMENT))).id();
            Document document = await(dwolla.create(DocumentSubmission.of(customer, DocumentType.PASSPORT,
                    TestFiles.upload("scan.png", TestFiles.png()))));
            await(dwolla.reviewDocument(document.id(), ReviewDecision.accept()));
            BeneficialOwnerId owner = await(dwolla.createBeneficialOwner(
                    NewBeneficialOwner.inStatus(BeneficialOwnerStatus.DOCUMENT))).id();
            await(dwolla.moveOwner(owner, BeneficialOwnerStatus.VERIFIED));

            List<SandboxEvent> newest = dwolla.events().newest(0, 200).events();
            assertThat(published).extracting(DocumentEvent::topic).containsExactly(
                    "customer_verification_document_uploaded", "customer_verification_document_approved",
                    "customer_verified", "customer_beneficial_owner_verified");
            List<DocumentEvent> reversed = new java.util.ArrayList<>(published);
            java.util.Collections.reverse(reversed);
            assertThat(newest).extracting(SandboxEvent::event).containsExactlyElementsOf(reversed);
            assertThat(heard).extracting(SandboxEvent::event).containsExactlyElementsOf(published);
            assertThat(newest.get(3).resourcePath()).isEqualTo("/documents/" + document.id().value());
            assertThat(newest.get(1).resourcePath()).isEqualTo("/customers/" + customer.value());
            assertThat(newest.get(0).resourcePath()).isEqualTo("/beneficial-owners/" + owner.value());
            assertThat(newest.get(0).customerPath()).isEqualTo(Optional.empty());
            assertThat(newest.get(3).created()).isEqualTo(START);
        }
    }

    @Test
    void everyPageIsTheNewestSliceOfWhatTheCapKeeps() {
        qt().withExamples(300).forAll(integers().between(1, 20), integers().between(0, 40), integers().between(0, 45),
                integers().between(1, 25)).check((cap, published, offset, limit) -> {
                    var log = new EventLog(clock, Duration.ofDays(30), cap);
                    List<String> resources = new java.util.ArrayList<>();
                    for (int n = 0; n < published; n++) {
                        DocumentEvent event = uploaded(n, START);
                        log.publish(event);
                        resources.add(0, event.resourceId()); // newest first
                    }
                    List<String> kept = resources.subList(0, Math.min(cap, resources.size()));
                    List<String> expected = offset >= kept.size() ? List.of()
                            : kept.subList(offset, Math.min(kept.size(), offset + limit));
                    EventLog.Page page = log.newest(offset, limit);
                    return page.total() == kept.size()
                            && page.events().stream().map(SandboxEvent::resourceId).toList().equals(expected);
                });
    }
}
