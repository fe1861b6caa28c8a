package io.docverify.application;

import io.docverify.ports.contract.MutableClock;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.OwnerId;
import io.docverify.domain.event.DocumentEvent;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.ports.out.ProviderEvent;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class ServiceEventLogTest {
    private static final CustomerId ALICE = new CustomerId("alice");
    private static final CustomerId BOB = new CustomerId("bob");
    private static final Runnable NOTHING = () -> { };

    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-01T10:00:00Z"));

    private ServiceEventLog log(int max, Duration retention, int queue) {
        return new ServiceEventLog(new ServiceEventLog.Settings(max, retention, queue), clock);
    }

    static DocumentEvent uploaded(OwnerId owner, String document) {
        return new DocumentEvent.DocumentUploaded(new DocumentId(document), owner, DocumentType.PASSPORT,
                Instant.parse("2026-12-01T09:00:00Z"));
    }

    private static List<ServiceEvent> drain(EventSubscription s) {
        var out = new ArrayList<ServiceEvent>();
        for (ServiceEvent e = s.poll(); e != null; e = s.poll()) {
            out.add(e);
        }
        return out;
    }

    private static List<String> resources(List<ServiceEvent> events) {
        return events.stream().map(ServiceEvent::resourceId).toList();
    }

    @Test
    void busEventsAreLoggedWithUniqueIdsThatSortInLogOrder() {
        var bus = new DocumentEventBus();
        var log = log(100, Duration.ofHours(1), 20);
        log.follow(bus);
        var all = log.subscribe(Optional.empty(), Optional.empty(), true, NOTHING);
        for (int i = 0; i < 12; i++) {
            bus.publish(uploaded(ALICE, "d" + i));
        }
        bus.publish(new DocumentEvent.DocumentApproved(new DocumentId("d3"), ALICE, Instant.EPOCH));
        bus.publish(new DocumentEvent.OwnerStatusChanged(ALICE, CustomerStatus.DOCUMENT, CustomerStatus.VERIFIED,
                Instant.EPOCH));

        List<ServiceEvent> events = drain(all);
        assertThat(events).hasSize(14);
        List<String> ids = events.stream().map(ServiceEvent::id).toList();
        assertThat(ids).doesNotHaveDuplicates().isSorted();
        ServiceEvent approved = events.get(12);
        assertThat(approved.topic()).isEqualTo("customer_verification_document_approved");
        assertThat(approved.owner()).contains(ALICE);
        assertThat(approved.documentId()).contains(new DocumentId("d3"));
        ServiceEvent verified = events.get(13);
        assertThat(verified.topic()).isEqualTo("customer_verified");
        assertThat(verified.resourceId()).isEqualTo("alice");
        assertThat(verified.documentId()).isEmpty();
        assertThat(log.newestId()).contains(verified.id());
    }

    @Test
    void aLaterLogsIdsSortAfterAnEarlierOnes() {
        var earlier = log(10, Duration.ofHours(1), 10);
        earlier.record(uploaded(ALICE, "d1"));
        clock.advance(Duration.ofMillis(1));
        var later = log(10, Duration.ofHours(1), 10);
        later.record(uploaded(ALICE, "d2"));
        assertThat(later.newestId().orElseThrow()).isGreaterThan(earlier.newestId().orElseThrow());
    }

    @Test
    void oneOwnersSubscriptionSeesOnlyThatOwner() {
        var log = log(100, Duration.ofHours(1), 10);
        var alice = log.subscribe(Optional.of(ALICE), NOTHING);
        var everyone = log.subscribe(Optional.empty(), NOTHING);
        log.record(uploaded(ALICE, "a1"));
        log.record(uploaded(BOB, "b1"));
        log.record(uploaded(ALICE, "a2"));

        assertThat(resources(drain(alice))).containsExactly("a1", "a2");
        assertThat(resources(drain(everyone))).containsExactly("a1", "b1", "a2");
    }

    @Test
    void resumingAfterAnIdReplaysWhatCameAfterItThenFollows() {
        var log = log(100, Duration.ofHours(1), 10);
        log.record(uploaded(ALICE, "a1"));
        String seen = log.newestId().orElseThrow();
        log.record(uploaded(BOB, "b1"));
        log.record(uploaded(ALICE, "a2"));

        var resumed = log.subscribe(Optional.empty(), Optional.of(seen), false, NOTHING);
        var aliceOnly = log.subscribe(Optional.of(ALICE), Optional.of(seen), false, NOTHING);
        log.record(uploaded(ALICE, "a3"));

        assertThat(resources(drain(resumed))).containsExactly("b1", "a2", "a3");
        assertThat(resources(drain(aliceOnly))).containsExactly("a2", "a3");
    }

    @Test
    void withoutAnIdAFollowerStartsNowOrFromTheOldestRetained() {
        var log = log(100, Duration.ofHours(1), 10);
        log.record(uploaded(ALICE, "a1"));
        var now = log.subscribe(Optional.empty(), Optional.empty(), false, NOTHING);
        var oldest = log.subscribe(Optional.empty(), Optional.empty(), true, NOTHING);
        log.record(uploaded(ALICE, "a2"));
        assertThat(resources(drain(now))).containsExactly("a2");
        assertThat(resources(drain(oldest))).containsExactly("a1", "a2");
    }

    @Test
    void anUnknownIdIsATypedFailure() {
        var log = log(100, Duration.ofHours(1), 10);
        log.record(uploaded(ALICE, "a1"));
        String oldest = log.oldestId().orElseThrow();
        assertThatThrownBy(() -> log.subscribe(Optional.empty(), Optional.of("no-such-event"), false, NOTHING))
                .isInstanceOfSatisfying(EventNotRetainedException.class,
                        e -> assertThat(e.oldestRetained()).contains(oldest));
        assertThat(log.subscriptionCount()).isZero();
    }

    @Test
    void anOwnersReplayFromTheOldestHoldsOnlyItsRetainedEntriesAfterEvictionsAndAgeing() {
        var log = log(3, Duration.ofMinutes(10), 10);
        log.record(uploaded(ALICE, "a1"));
        log.record(uploaded(BOB, "b1"));
        log.record(uploaded(ALICE, "a2"));
        log.record(uploaded(BOB, "b2")); // pushes a1 out
        clock.advance(Duration.ofMinutes(6));
        log.record(uploaded(ALICE, "a3")); // pushes b1 out
        clock.advance(Duration.ofMinutes(5)); // a2 and b2 are older than 10 minutes now

        var alice = log.subscribe(Optional.of(ALICE), Optional.empty(), true, NOTHING);
        var bob = log.subscribe(Optional.of(BOB), Optional.empty(), true, NOTHING);
        log.record(uploaded(BOB, "b3"));

        assertThat(resources(drain(alice))).containsExactly("a3");
        assertThat(resources(drain(bob))).containsExactly("b3");
    }

    @Test
    void theCountCapPushesOutTheOldestAndTheirIdsBecomeUnknown() {
        var log = log(3, Duration.ofHours(1), 10);
        log.record(uploaded(ALICE, "a1"));
        String first = log.newestId().orElseThrow();
        log.record(uploaded(ALICE, "a2"));
        String second = log.newestId().orElseThrow();
        log.record(uploaded(ALICE, "a3"));
        log.record(uploaded(ALICE, "a4"));

        assertThat(log.size()).isEqualTo(3);
        assertThatThrownBy(() -> log.subscribe(Optional.empty(), Optional.of(first), false, NOTHING))
                .isInstanceOf(EventNotRetainedException.class);
        var resumed = log.subscribe(Optional.empty(), Optional.of(second), false, NOTHING);
        assertThat(resources(drain(resumed))).containsExactly("a3", "a4");
    }

    @Test
    void entriesOlderThanTheRetentionAgeOut() {
        var log = log(100, Duration.ofMinutes(10), 10);
        log.record(uploaded(ALICE, "a1"));
        String old = log.newestId().orElseThrow();
        clock.advance(Duration.ofMinutes(6));
        log.record(uploaded(ALICE, "a2"));
        String younger = log.newestId().orElseThrow();
        clock.advance(Duration.ofMinutes(5));

        assertThatThrownBy(() -> log.subscribe(Optional.empty(), Optional.of(old), false, NOTHING))
                .isInstanceOf(EventNotRetainedException.class);
        assertThat(log.size()).isEqualTo(1);
        assertThat(log.oldestId()).contains(younger);
    }

    @Test
    void providerEventsKeepTheirIdsAreDedupedAndNameTheirOwner() {
        var log = log(100, Duration.ofHours(1), 10);
        var all = log.subscribe(Optional.empty(), NOTHING);
        Instant created = Instant.parse("2026-12-01T08:00:00Z");
        URI customer = URI.create("https://api-sandbox.dwolla.com/customers/cust-1");
        var approved = new ProviderEvent("ev-1", created, "customer_verification_document_approved", "doc-1",
                Optional.of(URI.create("https://api-sandbox.dwolla.com/documents/doc-1")), Optional.of(customer));
        var boDocument = new ProviderEvent("ev-2", created, "customer_beneficial_owner_verification_document_failed",
                "doc-2", Optional.empty(), Optional.of(customer));
        var boVerified = new ProviderEvent("ev-3", created, "customer_beneficial_owner_verified", "bo-1",
                Optional.empty(), Optional.of(customer));
        var customerVerified = new ProviderEvent("ev-4", created, "customer_verified", "cust-1",
                Optional.empty(), Optional.of(customer));
        log.applied(approved);
        log.applied(approved);
        log.applied(boDocument);
        log.applied(boVerified);
        log.applied(customerVerified);

        List<ServiceEvent> events = drain(all);
        assertThat(events).extracting(ServiceEvent::id).containsExactly("ev-1", "ev-2", "ev-3", "ev-4");
        assertThat(events.get(0).owner()).contains(new CustomerId("cust-1"));
        assertThat(events.get(0).documentId()).contains(new DocumentId("doc-1"));
        assertThat(events.get(0).created()).isEqualTo(created);
        assertThat(events.get(1).owner()).isEmpty();
        assertThat(events.get(1).documentId()).contains(new DocumentId("doc-2"));
        assertThat(events.get(2).owner()).contains(new BeneficialOwnerId("bo-1"));
        assertThat(events.get(3).owner()).contains(new CustomerId("cust-1"));
    }

    @Test
    void providerTopicsThatAreNeitherDocumentNorOwnerEventsAreNotLogged() {
        var log = log(100, Duration.ofHours(1), 10);
        log.applied(new ProviderEvent("ev-1", Instant.EPOCH, "customer_transfer_created", "transfer-1",
                Optional.empty(), Optional.empty()));
        log.applied(new ProviderEvent("ev-2", Instant.EPOCH, "customer_suspended", "cust-1",
                Optional.empty(), Optional.empty()));
        assertThat(log.size()).isEqualTo(1);
        assertThat(log.newestId()).contains("ev-2");
    }

    @Test
    void aProviderEventWithAMalformedResourceIsDroppedWithoutAThrow() {
        var log = log(100, Duration.ofHours(1), 10);
        log.applied(new ProviderEvent("ev-1", Instant.EPOCH, "customer_verification_document_approved",
                "not a valid id", Optional.empty(), Optional.empty()));
        assertThat(log.size()).isZero();
    }

    @Test
    void aReaderThatFallsBehindGetsWhatWasQueuedThenIsDropped() {
        var log = log(100, Duration.ofHours(1), 2);
        var wakes = new AtomicInteger();
        var slow = log.subscribe(Optional.empty(), wakes::incrementAndGet);
        var other = log.subscribe(Optional.empty(), NOTHING);
        var otherSaw = new ArrayList<ServiceEvent>();
        for (int i = 1; i <= 4; i++) {
            log.record(uploaded(ALICE, "a" + i));
            otherSaw.addAll(drain(other));
            if (i == 2) {
                assertThat(slow.overflowed()).isFalse();
            }
        }

        assertThat(slow.overflowed()).isTrue();
        assertThat(wakes).hasValue(3);
        assertThat(resources(drain(slow))).containsExactly("a1", "a2");
        assertThat(log.subscriptionCount()).isEqualTo(1);
        assertThat(other.overflowed()).isFalse();
        assertThat(resources(otherSaw)).containsExactly("a1", "a2", "a3", "a4");
    }

    @Test
    void closingFreesTheSubscription() {
        var log = log(100, Duration.ofHours(1), 10);
        var alice = log.subscribe(Optional.of(ALICE), NOTHING);
        var everyone = log.subscribe(Optional.empty(), NOTHING);
        assertThat(log.subscriptionCount()).isEqualTo(2);
        alice.close();
        alice.close();
        everyone.close();
        log.record(uploaded(ALICE, "a1"));
        assertThat(log.subscriptionCount()).isZero();
        assertThat(alice.poll()).isNull();
    }

    @Test
    void aThrowingWakeDoesNotStopTheLog() {
        var log = log(100, Duration.ofHours(1), 10);
        log.subscribe(Optional.empty(), () -> {
            throw new IllegalStateException("executor shut down");
        });
        var fine = log.subscribe(Optional.empty(), NOTHING);
        log.record(uploaded(ALICE, "a1"));
        assertThat(resources(drain(fine))).containsExactly("a1");
    }
}
