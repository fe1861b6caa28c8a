package io.docverify.ports.out;

import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Cross-replica fan-out: after a change is committed to the {@link Journal}, the replica that made it says so here,
 * and every replica's listeners (this one's too) hear of it and re-read what changed. A notice is a hint, never the
 * state. A listener that may have missed notices (its connection was lost) hears {@link Listener#reconnected()} and
 * catches up from the journal ({@link Journal#changesSince}).
 *
 * <p>Implementations are thread-safe; {@link #notifyChanged} never blocks the calling thread on I/O and fails with
 * {@link StoreUnavailableException} when the notice cannot be sent. {@link #subscribe} does no I/O. Listeners are
 * called on an implementation thread, one notice at a time per listener, and must not block; a listener that throws
 * does not stop the others. A shared behaviour suite (the ports test-jar's {@code ChangeNotificationsContract})
 * checks every implementation.
 */
public interface ChangeNotifications {
    /**
     * A committed change: of {@code document} if it concerns one, of {@code owner}, at journal entry
     * {@code sequence}, made by replica {@code origin}.
     */
    record Notice(Optional<DocumentId> document, OwnerId owner, long sequence, String origin) {
        public Notice {
            Objects.requireNonNull(document, "document");
            Objects.requireNonNull(owner, "owner");
            StoreValues.name(origin, "origin");
        }
    }

    /** Hears notices. */
    interface Listener {
        /** A change was committed (by any replica, this one included: compare {@link Notice#origin()}). */
        void changed(Notice notice);

        /** Notices may have been missed (the connection was lost and is back): catch up from the journal. */
        default void reconnected() {
        }
    }

    /** A listener's subscription; closing it stops the notices (again: no effect). */
    interface Subscription extends AutoCloseable {
        @Override
        void close();
    }

    /** This replica's id: the {@link Notice#origin()} of its own notices. */
    String replica();

    /** Tells every replica that a change at journal entry {@code sequence} was committed. */
    CompletionStage<Void> notifyChanged(Optional<DocumentId> document, OwnerId owner, long sequence);

    /** Tells every replica that {@code document} changed at journal entry {@code sequence}. */
    default CompletionStage<Void> notifyChanged(DocumentId document, OwnerId owner, long sequence) {
        return notifyChanged(Optional.of(document), owner, sequence);
    }

    /** Registers {@code listener} for the notices sent from now on. */
    Subscription subscribe(Listener listener);
}
