package io.docverify.ports.contract;

import static io.docverify.ports.contract.ContractStages.await;
import static io.docverify.ports.contract.ContractStages.failure;
import static org.assertj.core.api.Assertions.assertThat;

import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.IdempotencyKey;
import io.docverify.domain.OwnerId;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.owner.BeneficialOwnerStatus;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.domain.review.KnownFailureReason;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.ports.out.DocumentChange;
import io.docverify.ports.out.DocumentChange.Source;
import io.docverify.ports.out.HistoryPage;
import io.docverify.ports.out.HistoryQuery;
import io.docverify.ports.out.Journal;
import io.docverify.ports.out.JournalEntry;
import io.docverify.ports.out.JournalEntry.AttemptStatus;
import io.docverify.ports.out.KeyHash;
import io.docverify.ports.out.UploadAttempt;
import io.docverify.ports.out.UploadOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The behaviour every {@link Journal} must show: the in-memory one runs it directly, the PostgreSQL one against its
 * database. Times come from a {@link MutableClock} the journal is built with (whole milliseconds, so every store
 * keeps them exactly).
 */
public abstract class JournalContract {
    protected static final String REPLICA = "replica-a";
    private static final String SHA = "9f86d081884c7d659a2feaa0c55ad015a3bf4f1b2b0b822cd15d6c15b0f00a08";

    protected final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00.123Z"));
    private Journal journal;

    /** A fresh, empty journal for one test that reads the present from {@code clock}. */
    protected abstract Journal newJournal(MutableClock clock) throws Exception;

    /** Releases what {@link #newJournal} opened; nothing by default. */
    protected void closeJournal(Journal journal) throws Exception {
    }

    @BeforeEach
    void open() throws Exception {
        journal = newJournal(clock);
        await(journal.renewLease(REPLICA, Duration.ofMinutes(1)));
    }

    @AfterEach
    void close() throws Exception {
        closeJournal(journal);
    }

    protected UploadAttempt attempt(OwnerId owner) {
        return new UploadAttempt(owner, DocumentType.PASSPORT, "key-ops", Optional.of(KeyHash.of(new IdempotencyKey("k-1"))),
                OptionalLong.of(1234), Optional.of(SHA), clock.instant(), REPLICA);
    }

    protected UploadOutcome created(DocumentId document) {
        return new UploadOutcome(Optional.of(document), UploadOutcome.CREATED, 1234, Optional.of(SHA), clock.instant());
    }

    private DocumentChange.Reviewed rejected(DocumentId document, OwnerId owner) {
        return new DocumentChange.Reviewed(document, owner,
                ReviewDecision.reject(KnownFailureReason.SCAN_NOT_READABLE, KnownFailureReason.SCAN_DOB_MISMATCH),
                Source.WEBHOOK, Optional.of("event-1"), clock.instant());
    }

    @Test
    void anUploadAndItsReviewAreTheDocumentsHistoryOldestFirstWithEveryValueKept() {
        var owner = new CustomerId("c-1");
        var document = new DocumentId("d-1");
        UploadAttempt attempt = attempt(owner);

        long attemptId = await(journal.uploadStarted(attempt));
        clock.advance(Duration.ofSeconds(2));
        UploadOutcome outcome = created(document);
        long end = await(journal.uploadEnded(attemptId, outcome));
        clock.advance(Duration.ofMinutes(5));
        DocumentChange.Reviewed review = rejected(document, owner);
        long reviewed = await(journal.changed(review));

        assertThat(end).isGreaterThan(attemptId);
        assertThat(reviewed).isGreaterThan(end);
        HistoryPage page = await(journal.history(HistoryQuery.of(document)));
        assertThat(page.entries()).containsExactly(
                new JournalEntry.UploadStarted(attemptId, attempt, AttemptStatus.ENDED),
                new JournalEntry.UploadEnded(end, attemptId, owner, outcome),
                new JournalEntry.Changed(reviewed, review));
        assertThat(page.next()).isEmpty();
    }

    @Test
    void pruningRemovesWhatWasRecordedBeforeTheInstantAnAttemptOnlyWithItsEndAndNeverReusesASequence() {
        var owner = new CustomerId("c-prune");
        long oldAttempt = await(journal.uploadStarted(attempt(owner)));
        long oldEnd = await(journal.uploadEnded(oldAttempt, created(new DocumentId("d-old"))));
        long oldReview = await(journal.changed(rejected(new DocumentId("d-old"), owner)));
        long unended = await(journal.uploadStarted(attempt(owner)));
        long straddling = await(journal.uploadStarted(attempt(owner)));
        clock.advance(Duration.ofDays(10));
        Instant cut = clock.instant();
        long straddlingEnd = await(journal.uploadEnded(straddling, created(new DocumentId("d-new"))));
        long newReview = await(journal.changed(rejected(new DocumentId("d-new"), owner)));

        assertThat(await(journal.prune(cut))).isEqualTo(4);

        assertThat(await(journal.history(HistoryQuery.of(owner))).entries()).extracting(JournalEntry::sequence)
                .containsExactly(straddling, straddlingEnd, newReview);
        assertThat(await(journal.history(HistoryQuery.of(new DocumentId("d-old")))).entries()).isEmpty();
        assertThat(await(journal.changesSince(0, 10))).extracting(JournalEntry::sequence)
                .doesNotContain(oldAttempt, oldEnd, oldReview, unended);
        assertThat(await(journal.prune(cut))).as("nothing more before the cut").isZero();
        long after = await(journal.changed(rejected(new DocumentId("d-new"), owner)));
        assertThat(after).isGreaterThan(newReview);
    }

    @Test
    void anOwnersHistoryHoldsItsAttemptsReviewsAndStatusChangesAndNothingOfAnotherOwner() {
        var owner = new BeneficialOwnerId("bo-1");
        var other = new CustomerId("c-other");
        long refused = await(journal.uploadStarted(attempt(owner)));
        UploadOutcome refusal = UploadOutcome.refused(ErrorCode.FILE_TOO_LARGE, 10_000_001, Optional.empty(),
                clock.instant());
        long refusedEnd = await(journal.uploadEnded(refused, refusal));
        await(journal.uploadStarted(attempt(other)));
        var status = new DocumentChange.OwnerStatusChanged(owner, BeneficialOwnerStatus.VERIFIED, Source.SANDBOX,
                Optional.empty(), clock.instant());
        long changed = await(journal.changed(status));
        var accepted = new DocumentChange.Reviewed(new DocumentId("d-9"), owner, ReviewDecision.accept(),
                Source.RECONCILIATION, Optional.of("event-9"), clock.instant());
        long review = await(journal.changed(accepted));
        await(journal.changed(new DocumentChange.OwnerStatusChanged(other, CustomerStatus.VERIFIED, Source.POLL,
                Optional.empty(), clock.instant())));

        List<JournalEntry> entries = await(journal.history(HistoryQuery.of(owner))).entries();

        assertThat(entries).extracting(JournalEntry::sequence).containsExactly(refused, refusedEnd, changed, review);
        assertThat(entries.get(1)).isEqualTo(new JournalEntry.UploadEnded(refusedEnd, refused, owner, refusal));
        assertThat(entries.get(2)).isEqualTo(new JournalEntry.Changed(changed, status));
        assertThat(entries.get(3)).isEqualTo(new JournalEntry.Changed(review, accepted));
    }

    @Test
    void aLaterUploadAnsweredWithTheDocumentIsInTheDocumentsHistory() {
        var owner = new CustomerId("c-1");
        var document = new DocumentId("d-1");
        long first = await(journal.uploadStarted(attempt(owner)));
        await(journal.uploadEnded(first, created(document)));
        long retry = await(journal.uploadStarted(attempt(owner)));
        long retryEnd = await(journal.uploadEnded(retry, new UploadOutcome(Optional.of(document),
                UploadOutcome.DUPLICATE, 1234, Optional.of(SHA), clock.instant())));
        long unrelated = await(journal.uploadStarted(attempt(owner)));

        List<JournalEntry> entries = await(journal.history(HistoryQuery.of(document))).entries();

        assertThat(entries).extracting(JournalEntry::sequence).contains(first, retry, retryEnd)
                .doesNotContain(unrelated);
    }

    @Test
    void historyComesInPagesWhoseCursorLeadsToTheNextAndTheLastPageHasNone() {
        var owner = new CustomerId("c-1");
        var sequences = new ArrayList<Long>();
        for (int i = 0; i < 5; i++) {
            sequences.add(await(journal.changed(new DocumentChange.OwnerStatusChanged(owner,
                    i % 2 == 0 ? CustomerStatus.DOCUMENT : CustomerStatus.RETRY, Source.WEBHOOK,
                    Optional.of("e-" + i), clock.instant()))));
        }

        HistoryPage first = await(journal.history(HistoryQuery.of(owner).limit(2)));
        HistoryPage second = await(journal.history(HistoryQuery.of(owner).limit(2).after(first.next().orElseThrow())));
        HistoryPage third = await(journal.history(HistoryQuery.of(owner).limit(2).after(second.next().orElseThrow())));

        assertThat(first.entries()).extracting(JournalEntry::sequence).containsExactlyElementsOf(sequences.subList(0, 2));
        assertThat(second.entries()).extracting(JournalEntry::sequence).containsExactlyElementsOf(sequences.subList(2, 4));
        assertThat(third.entries()).extracting(JournalEntry::sequence).containsExactly(sequences.get(4));
        assertThat(third.next()).isEmpty();
        assertThat(await(journal.history(HistoryQuery.of(new CustomerId("nobody")))).entries()).isEmpty();
    }

    @Test
    void anUnendedAttemptRunsWhileItsReplicasLeaseIsCurrentAndIsAbandonedOnceItExpired() {
        var owner = new CustomerId("c-1");
        long attemptId = await(journal.uploadStarted(attempt(owner)));
        assertThat(status(owner, attemptId)).isEqualTo(AttemptStatus.RUNNING);

        clock.advance(Duration.ofSeconds(50));
        await(journal.renewLease(REPLICA, Duration.ofMinutes(1)));
        clock.advance(Duration.ofSeconds(50));
        assertThat(status(owner, attemptId)).isEqualTo(AttemptStatus.RUNNING);

        clock.advance(Duration.ofSeconds(11));
        assertThat(status(owner, attemptId)).isEqualTo(AttemptStatus.ABANDONED);
    }

    @Test
    void anAttemptOfAReplicaThatNeverTookALeaseIsAbandonedAndAnEndedOneStaysEnded() {
        var owner = new CustomerId("c-1");
        UploadAttempt elsewhere = new UploadAttempt(owner, DocumentType.OTHER, "key-ops", Optional.empty(),
                OptionalLong.empty(), Optional.empty(), clock.instant(), "replica-without-lease");
        long orphan = await(journal.uploadStarted(elsewhere));
        long ended = await(journal.uploadStarted(attempt(owner)));
        await(journal.uploadEnded(ended, created(new DocumentId("d-1"))));

        clock.advance(Duration.ofHours(1));

        assertThat(status(owner, orphan)).isEqualTo(AttemptStatus.ABANDONED);
        assertThat(status(owner, ended)).isEqualTo(AttemptStatus.ENDED);
        var started = (JournalEntry.UploadStarted) await(journal.history(HistoryQuery.of(owner))).entries().get(0);
        assertThat(started.attempt()).isEqualTo(elsewhere);
    }

    @Test
    void anAttemptEndsOnceAndAnUnknownAttemptCannotEnd() {
        var owner = new CustomerId("c-1");
        long attemptId = await(journal.uploadStarted(attempt(owner)));
        UploadOutcome first = created(new DocumentId("d-1"));
        await(journal.uploadEnded(attemptId, first));

        assertThat(failure(() -> journal.uploadEnded(attemptId, created(new DocumentId("d-2")))))
                .isInstanceOf(IllegalStateException.class);
        assertThat(failure(() -> journal.uploadEnded(attemptId + 1000, first)))
                .isInstanceOf(IllegalArgumentException.class);

        List<JournalEntry> entries = await(journal.history(HistoryQuery.of(owner))).entries();
        assertThat(entries).hasSize(2);
        assertThat(((JournalEntry.UploadEnded) entries.get(1)).outcome()).isEqualTo(first);
    }

    @Test
    void aChangeIsNoAttemptToEnd() {
        long change = await(journal.changed(rejected(new DocumentId("d-1"), new CustomerId("c-1"))));

        assertThat(failure(() -> journal.uploadEnded(change, created(new DocumentId("d-1")))))
                .isInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void changesSinceReadsEverySubjectAfterTheSequenceUpToTheLimit() {
        long a = await(journal.uploadStarted(attempt(new CustomerId("c-1"))));
        long b = await(journal.changed(rejected(new DocumentId("d-2"), new CustomerId("c-2"))));
        long c = await(journal.uploadEnded(a, created(new DocumentId("d-1"))));
        long d = await(journal.changed(new DocumentChange.OwnerStatusChanged(new CustomerId("c-3"),
                CustomerStatus.SUSPENDED, Source.WEBHOOK, Optional.empty(), clock.instant())));

        assertThat(await(journal.changesSince(0, 10))).extracting(JournalEntry::sequence).containsExactly(a, b, c, d);
        assertThat(await(journal.changesSince(a, 2))).extracting(JournalEntry::sequence).containsExactly(b, c);
        assertThat(await(journal.changesSince(d, 10))).isEmpty();
    }

    @Test
    void limitsOutsideTheirBoundsAreRefused() {
        assertThat(failure(() -> journal.changesSince(0, 0))).isInstanceOf(IllegalArgumentException.class);
        assertThat(failure(() -> journal.changesSince(0, Journal.MAX_CHANGES + 1)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(failure(() -> journal.renewLease(REPLICA, Duration.ZERO)))
                .isInstanceOf(IllegalArgumentException.class);
        assertThat(await(journal.changesSince(0, Journal.MAX_CHANGES))).isEmpty();
    }

    @Test
    void entriesAppendedAtOnceFromManyThreadsEachGetTheirOwnSequence() throws Exception {
        int threads = 8;
        int perThread = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            var futures = new ArrayList<Future<List<Long>>>();
            for (int t = 0; t < threads; t++) {
                var owner = new CustomerId("c-" + t);
                futures.add(pool.submit(() -> {
                    var mine = new ArrayList<Long>();
                    for (int i = 0; i < perThread; i++) {
                        long attemptId = await(journal.uploadStarted(attempt(owner)));
                        mine.add(attemptId);
                        mine.add(await(journal.uploadEnded(attemptId, created(new DocumentId(owner.value() + "-" + i)))));
                    }
                    return mine;
                }));
            }
            var all = new HashSet<Long>();
            for (Future<List<Long>> f : futures) {
                all.addAll(f.get(60, TimeUnit.SECONDS));
            }
            assertThat(all).hasSize(threads * perThread * 2);
            var read = new ArrayList<Long>();
            long after = 0;
            List<JournalEntry> page;
            while (!(page = await(journal.changesSince(after, Journal.MAX_CHANGES))).isEmpty()) {
                page.forEach(e -> read.add(e.sequence()));
                after = page.get(page.size() - 1).sequence();
            }
            assertThat(read).isSorted().containsExactlyInAnyOrderElementsOf(all);
        } finally {
            pool.shutdownNow();
        }
    }

    private AttemptStatus status(OwnerId owner, long attemptId) {
        return await(journal.history(HistoryQuery.of(owner).limit(HistoryQuery.MAX_LIMIT))).entries().stream()
                .filter(e -> e instanceof JournalEntry.UploadStarted s && s.attemptId() == attemptId)
                .map(e -> ((JournalEntry.UploadStarted) e).status()).findFirst().orElseThrow();
    }

    /** The stage's value, waiting at most ten seconds. */
    protected static <T> T value(CompletionStage<T> stage) {
        return await(stage);
    }
}
