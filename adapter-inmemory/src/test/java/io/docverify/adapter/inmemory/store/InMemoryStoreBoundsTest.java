package io.docverify.adapter.inmemory.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.IdempotencyKey;
import io.docverify.domain.owner.CustomerStatus;
import io.docverify.ports.contract.MutableClock;
import io.docverify.ports.out.DocumentChange;
import io.docverify.ports.out.HistoryQuery;
import io.docverify.ports.out.IdempotencyRecords.Claimed;
import io.docverify.ports.out.JournalEntry;
import io.docverify.ports.out.KeyHash;
import io.docverify.ports.out.StoreUnavailableException;
import io.docverify.ports.out.UploadAttempt;
import io.docverify.ports.out.UploadOutcome;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import org.junit.jupiter.api.Test;

/** What the in-memory stores keep at their caps: the journal prunes oldest first, the records refuse. */
class InMemoryStoreBoundsTest {
    private final MutableClock clock = new MutableClock(Instant.parse("2026-12-07T12:00:00Z"));
    private final CustomerId owner = new CustomerId("c-1");

    private DocumentChange change(int i) {
        return new DocumentChange.OwnerStatusChanged(owner, i % 2 == 0 ? CustomerStatus.DOCUMENT : CustomerStatus.RETRY,
                DocumentChange.Source.WEBHOOK, Optional.of("e-" + i), clock.instant());
    }

    @Test
    void atItsCapTheJournalDropsItsOldestEntries() throws Exception {
        var journal = new InMemoryJournal(clock, 3);
        long first = value(journal.changed(change(0)));
        value(journal.changed(change(1)));
        value(journal.changed(change(2)));

        long fourth = value(journal.changed(change(3)));

        assertThat(journal.size()).isEqualTo(3);
        assertThat(value(journal.history(HistoryQuery.of(owner))).entries()).extracting(JournalEntry::sequence)
                .containsExactly(first + 1, first + 2, fourth);
        assertThat(value(journal.changesSince(0, 10))).hasSize(3);
    }

    @Test
    void anAttemptWhoseStartWasDroppedCannotEndAndTheDocumentIndexForgetsIt() throws Exception {
        var journal = new InMemoryJournal(clock, 2);
        var attempt = new UploadAttempt(owner, DocumentType.PASSPORT, "key-ops", Optional.empty(),
                OptionalLong.empty(), Optional.empty(), clock.instant(), "r");
        long started = value(journal.uploadStarted(attempt));
        value(journal.uploadEnded(started, new UploadOutcome(Optional.of(new DocumentId("d-1")),
                UploadOutcome.CREATED, 10, Optional.empty(), clock.instant())));
        long orphan = value(journal.uploadStarted(attempt));
        value(journal.changed(change(0)));
        value(journal.changed(change(1)));

        assertThat(value(journal.history(HistoryQuery.of(new DocumentId("d-1")))).entries()).isEmpty();
        assertThatThrownBy(() -> value(journal.uploadEnded(orphan, new UploadOutcome(Optional.empty(), "SERVER_ERROR",
                0, Optional.empty(), clock.instant())))).hasCauseInstanceOf(IllegalArgumentException.class);
    }

    @Test
    void atItsCapTheRecordsRefuseANewKeyUntilOneExpires() throws Exception {
        var records = new InMemoryIdempotencyRecords(clock, Duration.ofHours(24), 2);
        Duration lease = Duration.ofMinutes(1);
        assertThat(value(records.claim("s", key("a"), "f", lease))).isInstanceOf(Claimed.class);
        assertThat(value(records.claim("s", key("b"), "f", lease))).isInstanceOf(Claimed.class);

        assertThatThrownBy(() -> value(records.claim("s", key("c"), "f", lease)))
                .isInstanceOf(ExecutionException.class).hasCauseInstanceOf(StoreUnavailableException.class);

        clock.advance(Duration.ofHours(24));
        assertThat(value(records.claim("s", key("c"), "f", lease))).isInstanceOf(Claimed.class);
        assertThat(records.size()).isEqualTo(1);
    }

    @Test
    void aReleasedKeyTakesNoRoom() throws Exception {
        var records = new InMemoryIdempotencyRecords(clock, Duration.ofHours(24), 1);
        var claimed = (Claimed) value(records.claim("s", key("a"), "f", Duration.ofMinutes(1)));
        value(records.release(claimed.token()));

        assertThat(value(records.claim("s", key("b"), "f", Duration.ofMinutes(1)))).isInstanceOf(Claimed.class);
    }

    private static KeyHash key(String key) {
        return KeyHash.of(new IdempotencyKey(key));
    }

    private static <T> T value(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get();
    }
}
