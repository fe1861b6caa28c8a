package io.docverify.application;

import io.docverify.domain.CustomerId;
import io.docverify.domain.event.DocumentEvent;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.ports.out.ChangeNotifications;
import io.docverify.ports.out.DocumentChange;
import io.docverify.ports.out.Journal;
import io.docverify.ports.out.JournalEntry;
import io.docverify.ports.out.ProviderEvent;
import io.docverify.ports.stream.Completions;
import java.net.URI;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Cross-replica fan-out, the receiving side: every replica subscribes to the {@link ChangeNotifications}; a notice
 * from another replica is read back from the {@link Journal} (a notice is a hint, the journal the state) and its
 * change published on this replica's {@link DocumentEventBus} (so its {@code WatchDocument}s re-read their
 * document and push) and, for a change the provider announced with an event id, handed to {@link AppliedEvents}
 * (so {@code WatchEvents} streams it under the provider's id, as on the replica that received it). When the
 * notifications were interrupted ({@link ChangeNotifications.Listener#reconnected()}), it catches up with
 * {@link Journal#changesSince} from the last sequence it saw, less {@link #CATCH_UP_MARGIN} (a later sequence may
 * commit first), skipping what it already handled. Thread-safe.
 */
public final class ReplicaFanOut implements ChangeNotifications.Listener, AutoCloseable {
    /** How far before the last sequence seen a catch-up reads. */
    public static final long CATCH_UP_MARGIN = 100;

    private final Journal journal;
    private final ChangeNotifications notifications;
    private final ChangeRecorder recorder;
    private final Optional<DocumentEventBus> bus;
    private final AppliedEvents applied;
    private final ChangeRecorder.Observer observer;
    private final AtomicLong lastSeen = new AtomicLong();
    private volatile ChangeNotifications.Subscription subscription;

    /**
     * @param bus     where another replica's document changes are published, if this replica has a bus
     * @param applied where another replica's provider events go ({@link AppliedEvents#NONE} when this replica's
     *                event log follows the bus)
     */
    public ReplicaFanOut(ChangeRecorder recorder, ChangeNotifications notifications, Optional<DocumentEventBus> bus,
            AppliedEvents applied, ChangeRecorder.Observer observer) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.journal = recorder.journal();
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.bus = Objects.requireNonNull(bus, "bus");
        this.applied = Objects.requireNonNull(applied, "applied");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    /** Subscribes to the notifications; the last sequence seen starts at {@code from} (0: the journal's start). */
    public ReplicaFanOut start(long from) {
        lastSeen.set(from);
        subscription = notifications.subscribe(this);
        return this;
    }

    @Override
    public void changed(ChangeNotifications.Notice notice) {
        lastSeen.accumulateAndGet(notice.sequence(), Math::max);
        if (notice.origin().equals(notifications.replica()) || recorder.isHandled(notice.sequence())) {
            return;
        }
        read(notice.sequence() - 1, 1).thenAccept(entries -> entries.stream()
                .filter(e -> e.sequence() == notice.sequence()).forEach(this::deliver))
                .whenComplete((v, error) -> {
                    if (error != null) {
                        observer.failed("read another replica's change", Completions.unwrap(error));
                    }
                });
    }

    @Override
    public void reconnected() {
        catchUp(Math.max(0, lastSeen.get() - CATCH_UP_MARGIN)).whenComplete((v, error) -> {
            if (error != null) {
                observer.failed("catch up from the journal", Completions.unwrap(error));
            }
        });
    }

    /** Reads and delivers every change after {@code after}, page by page. */
    public CompletionStage<Void> catchUp(long after) {
        return read(after, Journal.MAX_CHANGES).thenCompose(entries -> {
            long last = after;
            for (JournalEntry entry : entries) {
                lastSeen.accumulateAndGet(entry.sequence(), Math::max);
                last = Math.max(last, entry.sequence());
                deliver(entry);
            }
            return entries.size() < Journal.MAX_CHANGES ? CompletableFuture.<Void>completedFuture(null)
                    : catchUp(last);
        });
    }

    private CompletionStage<List<JournalEntry>> read(long after, int limit) {
        try {
            return journal.changesSince(Math.max(0, after), limit);
        } catch (RuntimeException e) {
            return CompletableFuture.failedFuture(e);
        }
    }

    private void deliver(JournalEntry entry) {
        if (!(entry instanceof JournalEntry.Changed changed) || !recorder.markHandled(entry.sequence())) {
            return;
        }
        DocumentChange change = changed.change();
        try {
            if (change instanceof DocumentChange.Reviewed reviewed) {
                recorder.reviewRecorded(reviewed.documentId());
                DocumentEvent event = reviewed.decision() instanceof ReviewDecision.Reject reject
                        ? new DocumentEvent.DocumentFailed(reviewed.documentId(), reviewed.owner(), reject.reasons(),
                                reviewed.at())
                        : new DocumentEvent.DocumentApproved(reviewed.documentId(), reviewed.owner(), reviewed.at());
                bus.ifPresent(b -> ChangeRecorder.republishing(() -> b.publish(event)));
            }
            change.providerEventId().ifPresent(id -> applied.applied(providerEvent(id, change)));
        } catch (RuntimeException e) {
            observer.failed("publish another replica's change", e);
        }
    }

    private static ProviderEvent providerEvent(String id, DocumentChange change) {
        Optional<URI> customer = change.owner() instanceof CustomerId c
                ? Optional.of(URI.create("/customers/" + c.value())) : Optional.empty();
        if (change instanceof DocumentChange.Reviewed r) {
            return new ProviderEvent(id, r.at(), ChangeTopics.reviewTopic(r.owner(),
                    r.decision() == ReviewDecision.accept()), r.documentId().value(), Optional.empty(), customer);
        }
        var status = (DocumentChange.OwnerStatusChanged) change;
        return new ProviderEvent(id, status.at(), ChangeTopics.topic(status.owner(), status.status()),
                status.owner().value(), Optional.empty(), customer);
    }

    /** The greatest sequence seen so far. */
    public long lastSeen() {
        return lastSeen.get();
    }

    @Override
    public void close() {
        var s = subscription;
        if (s != null) {
            s.close();
        }
    }
}
