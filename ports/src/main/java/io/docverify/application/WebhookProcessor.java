package io.docverify.application;

import io.docverify.domain.CustomerId;
import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentState;
import io.docverify.domain.OwnerId;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.event.DocumentEvent;
import io.docverify.ports.out.DocumentChange;
import io.docverify.ports.out.DocumentEventPublisher;
import io.docverify.ports.out.DocumentProvider;
import io.docverify.ports.out.ProviderEvent;
import io.docverify.ports.out.WebhookInbox;
import io.docverify.ports.stream.Completions;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * Applies one recorded provider event (from a webhook or from reconciliation). An event is a hint, never the
 * state: for a document topic the document is read from the provider (the Dwolla adapter retries the read), and
 * if its state is news to this process (see {@link KnownDocuments}: a state only moves from pending to reviewed,
 * so a late, repeated or out-of-order event changes nothing; an event that cannot be news, an {@code _uploaded}
 * event of a document already known or any event of a document known reviewed, is not even read) a {@link DocumentEvent} is published
 * ({@code DocumentApproved}, {@code DocumentFailed}, or {@code DocumentUploaded} while pending), on which every
 * {@code WatchDocument} of that document re-reads it. Then the event is marked processed in the inbox and handed
 * to {@link AppliedEvents}. Other topics (owner statuses and the rest) are marked processed and handed on.
 *
 * <p>A read that fails (Dwolla unreachable after the adapter's retries), or that still shows pending a document
 * whose review the event announces (the provider's read lagging its own event), leaves the event recorded but
 * unprocessed: {@link Reconciler} applies it again on its next run. A document the provider does not know
 * ({@code notFound}) or an event whose resource id is no document id is processed as nothing to do.
 *
 * <p>A document read by id does not name its owner at Dwolla; the published event then names the customer of
 * the event's {@code _links.customer} (for a beneficial owner's document: the business customer). Watches key on
 * the document id only. Thread-safe; {@link #process} never throws.
 */
public final class WebhookProcessor {
    /** What processing an event came to. */
    public enum Outcome {
        /** A document's state was news and was published. */
        PUBLISHED,
        /**
         * The state was no news (a repeated, late or out-of-order event): the document was read, or, when this
         * process already knew it and the event could announce nothing beyond what it knew, not even read.
         */
        UNCHANGED,
        /** Not a document topic: marked processed and handed on. */
        PASSED,
        /** Nothing to read (the document is unknown to the provider, or the id is no document id). */
        IGNORED,
        /** The read or the inbox failed; the event stays unprocessed, for reconciliation. */
        FAILED
    }

    /** Sees every processed event, for metrics and logs. Must be quick and must not throw. */
    public interface Observer {
        /** Ignores everything. */
        Observer NONE = new Observer() {
            @Override
            public void processed(ProviderEvent event, Outcome outcome, Duration lag) {
            }

            @Override
            public void failed(ProviderEvent event, Throwable cause) {
            }
        };

        /** {@code event} came to {@code outcome} (never {@link Outcome#FAILED}), {@code lag} after its creation. */
        void processed(ProviderEvent event, Outcome outcome, Duration lag);

        /** Processing {@code event} failed; it stays unprocessed. */
        void failed(ProviderEvent event, Throwable cause);
    }

    /** Documents whose last state is remembered unless configured. */
    public static final int DEFAULT_KNOWN_DOCUMENTS = 10_000;

    private final DocumentProvider documents;
    private final WebhookInbox inbox;
    private final DocumentEventPublisher events;
    private final AppliedEvents applied;
    private final Clock clock;
    private final Observer observer;
    private final KnownDocuments known;
    private final Optional<ChangeRecorder> recorder;

    /**
     * @param documents      where a document is read
     * @param inbox          where the event is marked processed
     * @param events         where a document's change is published (the bus watches listen on)
     * @param applied        where an applied event goes
     * @param clock          for the lag
     * @param knownDocuments how many documents' last states to remember; at least 1
     * @param observer       sees each outcome
     */
    public WebhookProcessor(DocumentProvider documents, WebhookInbox inbox, DocumentEventPublisher events,
            AppliedEvents applied, Clock clock, int knownDocuments, Observer observer) {
        this(documents, inbox, events, applied, clock, knownDocuments, observer, Optional.empty());
    }

    /**
     * As the other constructor; each change (a review that is news, an owner's new status) is first recorded
     * through {@code recorder} (the journal, then the other replicas), and only once it is committed published and
     * the event marked processed. A change that cannot be recorded leaves the event unprocessed (for
     * reconciliation) and forgets the state read, so the next attempt records it.
     */
    public WebhookProcessor(DocumentProvider documents, WebhookInbox inbox, DocumentEventPublisher events,
            AppliedEvents applied, Clock clock, int knownDocuments, Observer observer,
            Optional<ChangeRecorder> recorder) {
        this.recorder = Objects.requireNonNull(recorder, "recorder");
        this.documents = Objects.requireNonNull(documents, "documents");
        this.inbox = Objects.requireNonNull(inbox, "inbox");
        this.events = Objects.requireNonNull(events, "events");
        this.applied = Objects.requireNonNull(applied, "applied");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.observer = Objects.requireNonNull(observer, "observer");
        this.known = new KnownDocuments(knownDocuments);
    }

    /** Applies {@code event} received by webhook; completes with the outcome, never exceptionally. */
    public CompletionStage<Outcome> process(ProviderEvent event) {
        return process(event, DocumentChange.Source.WEBHOOK);
    }

    /**
     * Applies {@code event}, learned of from {@code source} ({@code WEBHOOK} or {@code RECONCILIATION}, as the
     * journal records it); completes with the outcome, never exceptionally.
     */
    public CompletionStage<Outcome> process(ProviderEvent event, DocumentChange.Source source) {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(source, "source");
        CompletionStage<Outcome> work;
        try {
            work = event.concernsDocument() ? applyDocument(event, source) : applyOther(event, source);
        } catch (RuntimeException e) {
            work = CompletableFuture.failedFuture(e);
        }
        return work.thenCompose(outcome -> inbox.markProcessed(event).thenApply(done -> outcome))
                .handle((outcome, error) -> {
                    if (error != null) {
                        observer.failed(event, Completions.unwrap(error));
                        return Outcome.FAILED;
                    }
                    applied.applied(event);
                    observer.processed(event, outcome, lag(event));
                    return outcome;
                });
    }

    /** An owner status topic is recorded (when a recorder is set); any other topic is passed on. */
    private CompletionStage<Outcome> applyOther(ProviderEvent event, DocumentChange.Source source) {
        if (recorder.isEmpty()) {
            return CompletableFuture.completedFuture(Outcome.PASSED);
        }
        return ChangeTopics.statusChange(event.topic(), event.resourceId())
                .map(change -> recorder.get().record(new DocumentChange.OwnerStatusChanged(change.getKey(),
                        change.getValue(), source, eventId(event), event.created())).thenApply(s -> Outcome.PASSED))
                .orElse(CompletableFuture.completedFuture(Outcome.PASSED));
    }

    /** The event's id as the journal keeps it (short printable ids only). */
    private static Optional<String> eventId(ProviderEvent event) {
        String id = event.id();
        return id.length() <= 128 && id.chars().allMatch(c -> c > 0x20 && c < 0x7f) ? Optional.of(id)
                : Optional.empty();
    }

    private CompletionStage<Outcome> applyDocument(ProviderEvent event, DocumentChange.Source source) {
        DocumentId id;
        try {
            id = new DocumentId(event.resourceId());
        } catch (DocumentException e) {
            return CompletableFuture.completedFuture(Outcome.IGNORED);
        }
        if (!known.couldBeNews(id, announcesReview(event))) {
            // No read: the event cannot announce anything this process does not know already.
            return CompletableFuture.completedFuture(Outcome.UNCHANGED);
        }
        return documents.get(id).handle((document, error) -> {
            if (error != null) {
                Throwable cause = Completions.unwrap(error);
                if (cause instanceof DocumentException e && e.code() == ErrorCode.NOT_FOUND) {
                    return CompletableFuture.completedFuture(Outcome.IGNORED);
                }
                throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
            }
            if (document.isPending() && announcesReview(event)) {
                // The provider's read lags its own event: try again later rather than lose the review.
                throw new IllegalStateException("the document does not show the review its event announces yet");
            }
            if (!known.changed(id, document.state())) {
                return CompletableFuture.completedFuture(Outcome.UNCHANGED);
            }
            Optional<OwnerId> owner = document.owner().or(() -> customerOf(event));
            if (owner.isEmpty()) {
                // No owner to name: nothing can be published; the watches' polls still see the change.
                return CompletableFuture.completedFuture(Outcome.UNCHANGED);
            }
            return recordReview(document, owner.get(), event, source).thenApply(recorded -> {
                events.publish(change(document, owner.get()));
                return Outcome.PUBLISHED;
            });
        }).thenCompose(outcome -> outcome);
    }

    /** Records a review that is news (not a pending state); a failure forgets the state read, for the retry. */
    private CompletionStage<Void> recordReview(Document document, OwnerId owner, ProviderEvent event,
            DocumentChange.Source source) {
        if (recorder.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        Optional<DocumentChange> review = ChangeRecorder.review(document, owner, source, eventId(event),
                event.created());
        if (review.isEmpty()) {
            return CompletableFuture.completedFuture(null);
        }
        CompletionStage<Long> recorded;
        try {
            recorded = recorder.get().record(review.get());
        } catch (RuntimeException e) {
            recorded = CompletableFuture.failedFuture(e);
        }
        return recorded.handle((sequence, error) -> {
            if (error != null) {
                known.forget(document.id());
                Throwable cause = Completions.unwrap(error);
                throw cause instanceof RuntimeException r ? r : new IllegalStateException(cause);
            }
            return null;
        });
    }

    private static boolean announcesReview(ProviderEvent event) {
        return event.topic().endsWith("_document_approved") || event.topic().endsWith("_document_failed");
    }

    private DocumentEvent change(Document document, OwnerId owner) {
        var now = clock.instant();
        DocumentState state = document.state();
        if (state instanceof DocumentState.Rejected rejected) {
            return new DocumentEvent.DocumentFailed(document.id(), owner, rejected.allFailureReasons(), now);
        }
        if (state == DocumentState.Accepted.INSTANCE) {
            return new DocumentEvent.DocumentApproved(document.id(), owner, now);
        }
        return new DocumentEvent.DocumentUploaded(document.id(), owner, document.type(), now);
    }

    private static Optional<OwnerId> customerOf(ProviderEvent event) {
        return event.customer().map(URI::getPath).map(path -> path.substring(path.lastIndexOf('/') + 1))
                .flatMap(value -> {
                    try {
                        return Optional.of(new CustomerId(value));
                    } catch (DocumentException e) {
                        return Optional.empty();
                    }
                });
    }

    private Duration lag(ProviderEvent event) {
        Duration lag = Duration.between(event.created(), clock.instant());
        return lag.isNegative() ? Duration.ZERO : lag;
    }
}
