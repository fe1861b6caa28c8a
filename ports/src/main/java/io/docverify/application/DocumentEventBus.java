package io.docverify.application;

import io.docverify.domain.event.DocumentEvent;
import io.docverify.ports.out.DocumentEventPublisher;
import java.util.Objects;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * An in-process event bus: the default {@link DocumentEventPublisher}, and the source of document changes for
 * watchers in the same process. Listeners run on the publishing thread and must be quick and non-blocking; a
 * listener that throws is isolated (the exception is reported to the error handler, other listeners still run).
 * Across replicas, use a real bus (Kafka, a clustered Vert.x event bus) behind the same port.
 */
public final class DocumentEventBus implements DocumentEventPublisher {
    private final CopyOnWriteArrayList<Consumer<? super DocumentEvent>> listeners = new CopyOnWriteArrayList<>();
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

    @Override
    public void publish(DocumentEvent event) {
        for (Consumer<? super DocumentEvent> listener : listeners) {
            try {
                listener.accept(event);
            } catch (RuntimeException e) {
                onListenerError.accept(e);
            }
        }
    }

    /** How many listeners are subscribed (for tests and metrics). */
    public int listenerCount() {
        return listeners.size();
    }
}
