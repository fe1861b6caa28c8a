package io.docverify.application;

import io.docverify.domain.DocumentId;
import io.docverify.domain.event.DocumentEvent;
import io.docverify.ports.out.DocumentEventPublisher;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * An in-process event bus: the default {@link DocumentEventPublisher}, and the source of document changes for
 * watchers in the same process. Listeners run on the publishing thread and must be quick and non-blocking; a
 * listener that throws is isolated (the exception is reported to the error handler, other listeners still run).
 * Across replicas, use a real bus (Kafka, a clustered Vert.x event bus) behind the same port.
 */
public final class DocumentEventBus implements DocumentEventPublisher {
    private final CopyOnWriteArrayList<Consumer<? super DocumentEvent>> listeners = new CopyOnWriteArrayList<>();
    private final ConcurrentHashMap<DocumentId, CopyOnWriteArrayList<Consumer<? super DocumentEvent>>> byDocument =
            new ConcurrentHashMap<>();
    private final AtomicInteger documentListeners = new AtomicInteger();
    private final Consumer<RuntimeException> onListenerError;

    /** A bus that ignores listener failures. */
    public DocumentEventBus() {
        this(e -> { });
    }

    /** A bus that reports listener failures to {@code onListenerError}. */
    public DocumentEventBus(Consumer<RuntimeException> onListenerError) {
        this.onListenerError = Objects.requireNonNull(onListenerError, "onListenerError");
    }

    /** A handle that ends a subscription. */
    @FunctionalInterface
    public interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** Adds a listener until the returned subscription is closed. */
    public Subscription subscribe(Consumer<? super DocumentEvent> listener) {
        Objects.requireNonNull(listener, "listener");
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    /**
     * Adds a listener of one document's events (uploaded, approved, failed) until the returned subscription is
     * closed. Publishing an event costs only its own document's listeners, so many watches, each on its own
     * document, do not make every event visit every watch.
     */
    public Subscription subscribe(DocumentId document, Consumer<? super DocumentEvent> listener) {
        Objects.requireNonNull(document, "document");
        Objects.requireNonNull(listener, "listener");
        byDocument.compute(document, (id, list) -> {
            var kept = list == null ? new CopyOnWriteArrayList<Consumer<? super DocumentEvent>>() : list;
            kept.add(listener);
            return kept;
        });
        documentListeners.incrementAndGet();
        return () -> byDocument.computeIfPresent(document, (id, list) -> {
            if (list.remove(listener)) {
                documentListeners.decrementAndGet();
            }
            return list.isEmpty() ? null : list;
        });
    }

    @Override
    public void publish(DocumentEvent event) {
        deliver(listeners, event);
        DocumentId document = documentOf(event);
        if (document != null) {
            var forDocument = byDocument.get(document);
            if (forDocument != null) {
                deliver(forDocument, event);
            }
        }
    }

    private void deliver(List<Consumer<? super DocumentEvent>> to, DocumentEvent event) {
        for (Consumer<? super DocumentEvent> listener : to) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                onListenerError.accept(e);
            }
        }
    }

    private static DocumentId documentOf(DocumentEvent event) {
        if (event instanceof DocumentEvent.DocumentUploaded e) {
            return e.documentId();
        }
        if (event instanceof DocumentEvent.DocumentApproved e) {
            return e.documentId();
        }
        if (event instanceof DocumentEvent.DocumentFailed e) {
            return e.documentId();
        }
        return null;
    }

    /** How many listeners are subscribed, of every event or of one document (for tests and metrics). */
    public int listenerCount() {
        return listeners.size() + documentListeners.get();
    }
}
