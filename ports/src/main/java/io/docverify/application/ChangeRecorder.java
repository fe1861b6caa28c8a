package io.docverify.application;

import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentState;
import io.docverify.domain.OwnerId;
import io.docverify.domain.event.DocumentEvent;
import io.docverify.domain.review.ReviewDecision;
import io.docverify.ports.out.ChangeNotifications;
import io.docverify.ports.out.DocumentChange;
import io.docverify.ports.out.DocumentChange.Source;
import io.docverify.ports.out.HistoryQuery;
import io.docverify.ports.out.Journal;
import io.docverify.ports.out.JournalEntry;
import io.docverify.ports.stream.Completions;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.function.Consumer;

/**
 * Records every change of a document or an owner that the service applies in the {@link Journal}, then tells the
 * other replicas ({@link ChangeNotifications#notifyChanged}, after the journal committed). Its sources: the webhook
 * processor ({@link Source#WEBHOOK}, {@link Source#RECONCILIATION}), a watch's poll that saw a review no other
 * source recorded ({@link #polled}, {@link Source#POLL}) and the in-process provider's bus ({@link #sandboxListener},
 * {@link Source#SANDBOX}). It remembers the sequences it committed (and those the {@link ReplicaFanOut} handled),
 * so a replica never republishes its own change. Thread-safe.
 */
public final class ChangeRecorder {
    /** Sees what could not be recorded or announced. Must be quick and must not throw. */
    public interface Observer {
        /** Ignores everything. */
        Observer NONE = (what, cause) -> { };

        /** {@code what} (a short, content-free phrase) failed with {@code cause}. */
        void failed(String what, Throwable cause);
    }

    /** Sequences remembered as handled, and documents remembered as reviewed. */
    static final int REMEMBERED = 10_000;

    /** Set while the fan-out republishes another replica's change on the bus: not this process's change. */
    private static final ThreadLocal<Boolean> REPUBLISHING = ThreadLocal.withInitial(() -> false);

    private final Journal journal;
    private final ChangeNotifications notifications;
    private final Observer observer;
    private final Set<Long> handled = bounded();
    private final Set<DocumentId> reviewed = bounded();

    public ChangeRecorder(Journal journal, ChangeNotifications notifications, Observer observer) {
        this.journal = Objects.requireNonNull(journal, "journal");
        this.notifications = Objects.requireNonNull(notifications, "notifications");
        this.observer = Objects.requireNonNull(observer, "observer");
    }

    private static <T> Set<T> bounded() {
        return Collections.synchronizedSet(Collections.newSetFromMap(new LinkedHashMap<T, Boolean>(16, 0.75f, false) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<T, Boolean> eldest) {
                return size() > REMEMBERED;
            }
        }));
    }

    /** The journal changes are recorded in. */
    public Journal journal() {
        return journal;
    }

    /**
     * Records {@code change}; completes with its sequence once the journal committed it (failing, with
     * {@code StoreUnavailableException}, when it could not), and then announces it to the other replicas (a notice
     * that cannot be sent is reported to the observer: the others catch up from the journal).
     */
    public CompletionStage<Long> record(DocumentChange change) {
        Objects.requireNonNull(change, "change");
        CompletionStage<Long> committed;
        try {
            committed = journal.changed(change);
        } catch (RuntimeException e) {
            committed = CompletableFuture.failedFuture(e);
        }
        return committed.thenApply(sequence -> {
            handled.add(sequence);
            change.document().filter(d -> change instanceof DocumentChange.Reviewed).ifPresent(reviewed::add);
            announce(change, sequence);
            return sequence;
        });
    }

    private void announce(DocumentChange change, long sequence) {
        try {
            notifications.notifyChanged(change.document(), change.owner(), sequence).whenComplete((v, error) -> {
                if (error != null) {
                    observer.failed("announce a change", Completions.unwrap(error));
                }
            });
        } catch (RuntimeException e) {
            observer.failed("announce a change", e);
        }
    }

    /** The review of {@code document} as a change from {@code source}, if the document is reviewed. */
    static Optional<DocumentChange> review(Document document, OwnerId owner, Source source,
            Optional<String> providerEventId, java.time.Instant at) {
        DocumentState state = document.state();
        ReviewDecision decision;
        if (state instanceof DocumentState.Rejected rejected) {
            decision = ReviewDecision.reject(rejected.allFailureReasons());
        } else if (state == DocumentState.Accepted.INSTANCE) {
            decision = ReviewDecision.accept();
        } else {
            return Optional.empty();
        }
        return Optional.of(new DocumentChange.Reviewed(document.id(), owner, decision, source, providerEventId, at));
    }

    /**
     * A watch's poll found {@code document} in a state it had not seen: when it is reviewed and no review of it is
     * recorded yet (by this process or in the journal: a webhook, another replica), records the review as
     * {@link Source#POLL}, naming the owner the document names or the one its upload was journaled for (a document
     * of unknown owner is not recorded). Never throws; failures go to the observer.
     */
    public void polled(Document document, java.time.Instant at) {
        if (document.isPending() || reviewed.contains(document.id())) {
            return;
        }
        try {
            journal.history(HistoryQuery.of(document.id()).limit(HistoryQuery.MAX_LIMIT)).thenCompose(page -> {
                boolean recorded = page.entries().stream().anyMatch(e -> e instanceof JournalEntry.Changed c
                        && c.change() instanceof DocumentChange.Reviewed);
                Optional<OwnerId> owner = document.owner().or(() -> page.entries().stream()
                        .filter(e -> e instanceof JournalEntry.UploadStarted).map(JournalEntry::owner).findFirst());
                if (recorded || owner.isEmpty() || !reviewed.add(document.id())) {
                    return CompletableFuture.completedFuture(null);
                }
                return review(document, owner.get(), Source.POLL, Optional.empty(), at)
                        .map(change -> record(change).thenApply(s -> (Void) null))
                        .orElse(CompletableFuture.completedFuture(null));
            }).whenComplete((v, error) -> {
                if (error != null) {
                    reviewed.remove(document.id());
                    observer.failed("record a polled review", Completions.unwrap(error));
                }
            });
        } catch (RuntimeException e) {
            observer.failed("record a polled review", e);
        }
    }

    /**
     * A listener for the bus of a provider whose changes happen in this process (the in-memory stand-in and its
     * sandbox controls): records each review and owner status change as {@link Source#SANDBOX}. Events that the
     * fan-out republishes from another replica are not recorded again. Never throws.
     */
    public Consumer<DocumentEvent> sandboxListener() {
        return event -> {
            if (REPUBLISHING.get()) {
                return;
            }
            DocumentChange change;
            try {
                change = sandboxChange(event);
            } catch (RuntimeException e) {
                observer.failed("record a sandbox change", e);
                return;
            }
            if (change != null) {
                record(change).whenComplete((sequence, error) -> {
                    if (error != null) {
                        observer.failed("record a sandbox change", Completions.unwrap(error));
                    }
                });
            }
        };
    }

    private static DocumentChange sandboxChange(DocumentEvent event) {
        if (event instanceof DocumentEvent.DocumentApproved e) {
            return new DocumentChange.Reviewed(e.documentId(), e.owner(), ReviewDecision.accept(), Source.SANDBOX,
                    Optional.empty(), e.occurredAt());
        }
        if (event instanceof DocumentEvent.DocumentFailed e) {
            return new DocumentChange.Reviewed(e.documentId(), e.owner(), ReviewDecision.reject(e.reasons()),
                    Source.SANDBOX, Optional.empty(), e.occurredAt());
        }
        if (event instanceof DocumentEvent.OwnerStatusChanged e) {
            return new DocumentChange.OwnerStatusChanged(e.owner(), e.to(), Source.SANDBOX, Optional.empty(),
                    e.occurredAt());
        }
        return null;
    }

    /** Marks {@code sequence} handled; false if it was already (committed here, or republished before). */
    boolean markHandled(long sequence) {
        return handled.add(sequence);
    }

    /** Whether {@code sequence} was committed here or republished already. */
    boolean isHandled(long sequence) {
        return handled.contains(sequence);
    }

    /** Remembers that {@code document}'s review is recorded (so a poll does not record it again). */
    void reviewRecorded(DocumentId document) {
        reviewed.add(document);
    }

    /** Runs {@code publish} as a republication of another replica's change (the sandbox listener skips it). */
    static void republishing(Runnable publish) {
        REPUBLISHING.set(true);
        try {
            publish.run();
        } finally {
            REPUBLISHING.set(false);
        }
    }
}
