package io.docverify.application;

import io.docverify.domain.Document;
import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentState;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.error.ErrorCode;
import io.docverify.domain.event.DocumentEvent;
import io.docverify.ports.in.GetDocumentUseCase;
import io.docverify.ports.stream.Completions;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Flow;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * One watch: a {@link Flow.Subscription} fed by bus events and polls. Every trigger re-reads the document and
 * offers it; only a new state is queued, and since a state only moves from pending to reviewed, a stale read can
 * never be delivered after a newer one. Signals reach the subscriber through one drain loop, so they are
 * serialized whichever thread triggered them, and documents only go out on demand.
 */
final class DocumentWatch implements Flow.Subscription {
    /** Errors a poll may meet and still try again next time; any other failure ends the watch. */
    private static final Set<ErrorCode> TRANSIENT = EnumSet.of(ErrorCode.SERVICE_UNAVAILABLE,
            ErrorCode.REQUEST_TIMEOUT, ErrorCode.TOO_MANY_REQUESTS, ErrorCode.SERVER_ERROR);

    /** The end of the stream, queued after the last document. */
    private record End(Throwable error) {
    }

    private final DocumentId id;
    private final Flow.Subscriber<? super Document> subscriber;
    private final GetDocumentUseCase documents;
    private final Optional<DocumentEventBus> events;
    private final ScheduledExecutorService scheduler;
    private final WatchConfig config;

    private final ConcurrentLinkedQueue<Object> queue = new ConcurrentLinkedQueue<>();
    private final AtomicLong requested = new AtomicLong();
    private final AtomicInteger wip = new AtomicInteger();
    private volatile boolean done;

    // Guarded by this.
    private DocumentState lastOffered;
    private boolean endOffered;
    private boolean released;
    private DocumentEventBus.Subscription busSubscription;
    private ScheduledFuture<?> poller;

    DocumentWatch(DocumentId id, Flow.Subscriber<? super Document> subscriber, GetDocumentUseCase documents,
            Optional<DocumentEventBus> events, ScheduledExecutorService scheduler, WatchConfig config) {
        this.id = id;
        this.subscriber = subscriber;
        this.documents = documents;
        this.events = events;
        this.scheduler = scheduler;
        this.config = config;
    }

    void start() {
        subscriber.onSubscribe(this);
        synchronized (this) {
            if (released) {
                return;
            }
            // Listen first, then read: a change between the two arrives as an event and triggers another read.
            busSubscription = events.map(bus -> bus.subscribe(this::onEvent)).orElse(null);
            if (config.polls()) {
                long every = config.pollInterval().toNanos();
                poller = scheduler.scheduleWithFixedDelay(() -> read(false), every, every, TimeUnit.NANOSECONDS);
            }
        }
        read(true);
    }

    @Override
    public void request(long n) {
        if (n <= 0) {
            end(new IllegalArgumentException("non-positive request " + n), true);
            return;
        }
        requested.getAndAccumulate(n, (a, b) -> a + b < 0 ? Long.MAX_VALUE : a + b);
        drain();
    }

    @Override
    public void cancel() {
        done = true;
        release();
        queue.clear();
    }

    private void onEvent(DocumentEvent event) {
        if (concernsThisDocument(event)) {
            read(false);
        }
    }

    private boolean concernsThisDocument(DocumentEvent event) {
        if (event instanceof DocumentEvent.DocumentUploaded e) {
            return e.documentId().equals(id);
        }
        if (event instanceof DocumentEvent.DocumentApproved e) {
            return e.documentId().equals(id);
        }
        if (event instanceof DocumentEvent.DocumentFailed e) {
            return e.documentId().equals(id);
        }
        return false;
    }

    private void read(boolean first) {
        if (done) {
            return;
        }
        try {
            documents.get(id).whenComplete((document, error) -> {
                if (error == null) {
                    offer(document);
                } else if (first || !isTransient(error)) {
                    end(unwrap(error), false);
                }
            });
        } catch (RuntimeException e) {
            end(e, false);
        }
    }

    private void offer(Document document) {
        synchronized (this) {
            if (endOffered || document.state().equals(lastOffered)) {
                return;
            }
            lastOffered = document.state();
            queue.add(document);
            if (!document.isPending()) {
                endOffered = true;
                queue.add(new End(null));
            }
        }
        drain();
    }

    private void end(Throwable error, boolean now) {
        synchronized (this) {
            if (endOffered && !now) {
                return;
            }
            endOffered = true;
            if (now) {
                queue.clear();
            }
            queue.add(new End(error));
        }
        drain();
    }

    private void drain() {
        if (wip.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            while (!done) {
                Object head = queue.peek();
                if (head instanceof End end) {
                    queue.poll();
                    done = true;
                    release();
                    if (end.error() == null) {
                        subscriber.onComplete();
                    } else {
                        subscriber.onError(end.error());
                    }
                } else if (head != null && requested.get() > 0) {
                    queue.poll();
                    requested.decrementAndGet();
                    subscriber.onNext((Document) head);
                } else {
                    break;
                }
            }
            missed = wip.addAndGet(-missed);
        } while (missed != 0);
    }

    private synchronized void release() {
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
