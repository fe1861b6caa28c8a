package io.docverify.adapter.inmemory.properties;

import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.adapter.inmemory.InMemoryConfig;
import io.docverify.adapter.inmemory.InMemoryDwolla;
import io.docverify.application.DocumentEventBus;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.VerificationStatus;
import io.docverify.domain.event.DocumentEvent;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.owner.CustomerType;
import io.docverify.ports.out.DocumentIdSource;
import io.docverify.ports.sandbox.NewBeneficialOwner;
import io.docverify.ports.sandbox.NewCustomer;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SplittableRandom;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A plain race: sixteen threads upload, upload again, review, move owners and read, all for the same three
 * owners, for a fixed number of operations each (not for a time). During the race every read must see whole,
 * legal documents and an {@link EventWatcher} counts pending documents per owner from the events at every event;
 * afterwards: every upload that succeeded is found and listed exactly once, ids are unique, every document's
 * events are a legal path from pending to reviewed that ends in its final state, each owner's status events
 * chain to its final status, no document was reviewed twice, and the event count of pending documents equals
 * the real one.
 *
 * <p>The operations each thread picks come from {@code -Ddocverify.race.seed=<seed>} (printed on failure);
 * the interleaving of the threads cannot be replayed.
 */
class UploadReviewRaceTest {
    static final int THREADS = 16;
    static final int OPERATIONS_PER_THREAD = 250;
    static final long SEED = Long.getLong("docverify.race.seed", System.nanoTime());

    @Test
    void sixteenThreadsUploadingAndReviewingForTheSameOwnersBreakNoInvariant() throws Exception {
        var watcher = new EventWatcher(Invariants.MAX_PENDING);
        var bus = new DocumentEventBus();
        bus.subscribe(watcher);
        try (var dwolla = new InMemoryDwolla(InMemoryConfig.DEFAULTS.withSandboxReviewDelay(Duration.ZERO), bus,
                DocumentIdSource.RANDOM)) {
            List<OwnerId> owners = List.of(
                    Harness.join(dwolla.createCustomer(NewCustomer.inStatus(CustomerType.PERSONAL,
                            CustomerStatus.DOCUMENT))).id(),
                    Harness.join(dwolla.createCustomer(NewCustomer.inStatus(CustomerType.BUSINESS,
                            CustomerStatus.DOCUMENT))).id(),
                    Harness.join(dwolla.createBeneficialOwner(NewBeneficialOwner.inStatus(
                            BeneficialOwnerStatus.DOCUMENT))).id());
            var race = new Race(dwolla, owners);
            run(race);
            try {
                checkAfterTheRace(dwolla, owners, race, watcher);
            } catch (AssertionError e) {
                throw new AssertionError("race with -Ddocverify.race.seed=" + SEED + ": " + e.getMessage(), e);
            }
        }
    }

    private static void checkAfterTheRace(InMemoryDwolla dwolla, List<OwnerId> owners, Race race,
            EventWatcher watcher) {
        String context = "outcomes " + race.outcomeCounts();

        assertThat(race.violations()).as("violations during the race (%s)", context).isEmpty();
        assertThat(watcher.violations()).as("violations seen in the events (%s)", context).isEmpty();
        assertThat(race.outcomesSeen()).as("the race reached the limits it is about (%s)", context)
                .contains("upload ok", "upload maximumNumberOfResources", "upload again DuplicateResource",
                        "review ok", "review invalidResourceState", "read ok");

        Map<DocumentId, Document> listed = new HashMap<>();
        for (OwnerId owner : owners) {
            List<Document> documents = Harness.join(dwolla.list(owner)).documents();
            long pending = documents.stream().filter(Document::isPending).count();
            assertThat(pending).as("pending documents of %s", owner)
                    .isLessThanOrEqualTo(Invariants.MAX_PENDING)
                    .isEqualTo(watcher.pendingFromEvents(owner));
            for (Document d : documents) {
                assertThat(listed.put(d.id(), d)).as("%s listed once", d.id()).isNull();
            }
            checkStatusChain(owner, watcher.statusChanges(owner),
                    Harness.join(dwolla.owner(owner)).status().wire());
        }
        List<Race.Created> created = race.created();
        assertThat(listed.keySet()).as("every successful upload is listed, nothing else is")
                .containsExactlyInAnyOrderElementsOf(created.stream().map(c -> c.document().id()).toList());
        assertThat(watcher.documents()).as("events name only documents that exist")
                .isSubsetOf(listed.keySet());
        for (Race.Created c : created) {
            Document now = listed.get(c.document().id());
            assertThat(Harness.join(dwolla.get(now.id()))).isEqualTo(now);
            checkHistory(now, watcher.history(now.id()), race.successfulReviews(now.id()));
        }
    }

    private static void run(Race race) throws Exception {
        ExecutorService pool = Executors.newFixedThreadPool(THREADS);
        try {
            var start = new CountDownLatch(1);
            var workers = new ArrayList<Future<?>>();
            for (int i = 0; i < THREADS; i++) {
                int worker = i;
                workers.add(pool.submit(() -> {
                    start.await();
                    race.work(worker, new SplittableRandom(SEED + worker), OPERATIONS_PER_THREAD);
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> w : workers) {
                w.get(2, TimeUnit.MINUTES); // a deadlock guard, not a performance limit
            }
        } finally {
            pool.shutdownNow();
        }
    }

    /** A document's events, in arrival order, lead exactly to its final state. */
    private static void checkHistory(Document d, List<DocumentEvent> history, int successfulReviews) {
        assertThat(history).as("events of %s", d).isNotEmpty();
        assertThat(history.get(0)).as("first event of %s", d).isInstanceOf(DocumentEvent.DocumentUploaded.class);
        if (d.isPending()) {
            assertThat(history).as("events of pending %s", d).hasSize(1);
            assertThat(successfulReviews).as("reviews of pending %s", d).isZero();
            return;
        }
        assertThat(history).as("events of reviewed %s", d).hasSize(2);
        assertThat(successfulReviews).as("successful reviews of %s", d).isEqualTo(1);
        if (d.verificationStatus() == VerificationStatus.ACCEPTED) {
            assertThat(history.get(1)).isInstanceOf(DocumentEvent.DocumentApproved.class);
        } else {
            assertThat(history.get(1)).isInstanceOfSatisfying(DocumentEvent.DocumentFailed.class,
                    failed -> assertThat(failed.reasons()).isEqualTo(d.allFailureReasons()));
        }
    }

    /** An owner's status events, in arrival order, chain from {@code document} to its final status. */
    private static void checkStatusChain(OwnerId owner, List<DocumentEvent.OwnerStatusChanged> changes,
            String finalStatus) {
        String status = "document";
        for (DocumentEvent.OwnerStatusChanged change : changes) {
            assertThat(change.from().wire()).as("%s: %s follows %s", owner, change, status).isEqualTo(status);
            status = change.to().wire();
        }
        assertThat(status).as("%s: its status events lead to its status", owner).isEqualTo(finalStatus);
    }
}
