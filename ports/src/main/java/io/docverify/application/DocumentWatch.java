package io.docverify.application;

import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentState;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.ports.in.GetDocumentUseCase;
import io.docverify.ports.stream.Completions;
import io.docverify.ports.stream.SingleSubscriberPublisher;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;

/**
 * One watch, for one subscriber, fed by bus events and polls. Every trigger re-reads the document and offers it;
 * only a new state is queued, and since a state only moves from pending to reviewed, a stale read can never be
 * delivered after a newer one. {@link SingleSubscriberPublisher}'s one drain loop serializes the signals whichever
 * thread triggered them, and documents only go out on demand. A document is queued under this watch's lock, so
 * documents keep the order in which their states were seen; the loop may then run inside the lock, which only the
 * watch's own triggers and its release take.
 */
final class DocumentWatch extends SingleSubscriberPublisher<Document> {
    /** Errors a poll may meet and still try again next time; any other failure ends the watch. */
    private static final Set<ErrorCode> TRANSIENT = EnumSet.of(ErrorCode.SERVICE_UNAVAILABLE,
            ErrorCode.REQUEST_TIMEOUT, ErrorCode.TOO_MANY_REQUESTS, ErrorCode.SERVER_ERROR);

    private final DocumentId id;
    private final GetDocumentUseCase documents;
    private final Optional<DocumentEventBus> events;
    private final ScheduledExecutorService scheduler;
    private final WatchConfig config;
    private final Optional<ChangeRecorder> recorder;

    // Guarded by this.
    private DocumentState lastOffered;
    private boolean endOffered;
    private boolean released;
    private DocumentEventBus.Subscription busSubscription;
    private ScheduledFuture<?> poller;

    DocumentWatch(DocumentId id, GetDocumentUseCase documents, Optional<DocumentEventBus> events,
            ScheduledExecutorService scheduler, WatchConfig config, Optional<ChangeRecorder> recorder) {
        super(() -> new IllegalStateException("a watch has one subscriber"));
        this.recorder = recorder;
        this.id = id;
        this.documents = documents;
        this.events = events;
        this.scheduler = scheduler;
        this.config = config;
    }

    @Override
    protected void started() {
        synchronized (this) {
            if (released) {
                return;
            }
            // Listen first, then read: a change between the two arrives as an event and triggers another read.
            busSubscription = events.map(bus -> bus.subscribe(id, event -> read(false, false))).orElse(null);
            if (config.polls()) {
                long every = config.pollInterval().toNanos();
                poller = scheduler.scheduleWithFixedDelay(() -> read(false, true), every, every,
                        TimeUnit.NANOSECONDS);
            }
        }
        read(true, false);
    }

    /** Reads the document: at the start ({@code first}), on a bus event, or on a poll ({@code polled}). */
    private void read(boolean first, boolean polled) {
        if (isDone()) {
            return;
        }
        try {
            documents.get(id).whenComplete((document, error) -> {
                if (error == null) {
                    if (offerIfNew(document) && polled) {
                        // Only the poll saw this change (no event announced it): it goes to the journal.
                        recorder.ifPresent(r -> r.polled(document, java.time.Instant.now()));
                    }
                } else if (first || !isTransient(error)) {
                    end(unwrap(error));
                }
            });
        } catch (RuntimeException e) {
            end(e);
        }
    }

    /** Offers {@code document} if its state is new to this watch; true if it was. */
    private boolean offerIfNew(Document document) {
        synchronized (this) {
            if (endOffered || document.state().equals(lastOffered)) {
                return false;
            }
            lastOffered = document.state();
            enqueue(document);
            if (!document.isPending()) {
                endOffered = true;
                endWithCompletion();
            }
            return true;
        }
    }

    private void end(Throwable error) {
        synchronized (this) {
            if (endOffered) {
                return;
            }
            endOffered = true;
        }
        endWithError(error);
    }

    @Override
    protected synchronized void released() {
        if (released) {
            return;
        }
        released = true;
        if (busSubscription != null) {
            busSubscription.close();
        }
        if (poller != null) {
            poller.cancel(false);
        }
    }

    private static boolean isTransient(Throwable error) {
        Throwable cause = unwrap(error);
        return cause instanceof DocumentException e && TRANSIENT.contains(e.code());
    }

    private static Throwable unwrap(Throwable error) {
        return Completions.unwrap(error);
    }
}
