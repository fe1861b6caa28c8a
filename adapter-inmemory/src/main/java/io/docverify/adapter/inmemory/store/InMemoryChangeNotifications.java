package io.docverify.adapter.inmemory.store;

import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import io.docverify.ports.out.ChangeNotifications;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * The embedded {@link ChangeNotifications}: one process, so a notice is delivered in process, to every subscribed
 * listener on the notifying thread, before {@link #notifyChanged} completes. Nothing is kept, so nothing grows but
 * the listeners themselves; {@link ChangeNotifications.Listener#reconnected()} never fires (nothing can be missed).
 */
public final class InMemoryChangeNotifications implements ChangeNotifications {
    private static final System.Logger LOG = System.getLogger(InMemoryChangeNotifications.class.getName());

    private final String replica;
    private final CopyOnWriteArrayList<Listener> listeners = new CopyOnWriteArrayList<>();

    /** @param replica this replica's id, the origin of its notices */
    public InMemoryChangeNotifications(String replica) {
        this.replica = Objects.requireNonNull(replica, "replica");
    }

    @Override
    public String replica() {
        return replica;
    }

    @Override
    public CompletionStage<Void> notifyChanged(Optional<DocumentId> document, OwnerId owner, long sequence) {
        var notice = new Notice(document, owner, sequence, replica);
        // Delivery in notifying order: one notifier's notices reach each listener in the order sent.
        synchronized (this) {
            for (Listener listener : listeners) {
                try {
                    listener.changed(notice);
                } catch (RuntimeException e) {
                    LOG.log(System.Logger.Level.WARNING, "a change listener failed with {0}; the others still hear the notice",
                            e.getClass().getName());
                }
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public Subscription subscribe(Listener listener) {
        Objects.requireNonNull(listener, "listener");
        // A wrapper per subscription, so one listener subscribed twice is removed once per close.
        Listener own = new Listener() {
            @Override
            public void changed(Notice notice) {
                listener.changed(notice);
            }

            @Override
            public void reconnected() {
                listener.reconnected();
            }
        };
        listeners.add(own);
        return () -> listeners.remove(own);
    }
}
