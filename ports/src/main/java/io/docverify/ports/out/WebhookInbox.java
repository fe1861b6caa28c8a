package io.docverify.ports.out;

import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * Where a webhook receiver records the provider's events before it answers: each event under its id, so a second
 * delivery of the same id is recognised and does nothing, and what has been processed, so reconciliation knows how
 * far back to read the provider's event feed ({@link EventFeed}). The embedded default keeps it in memory
 * (adapter-inmemory); a durable implementation (PostgreSQL) sits behind the same port. A shared behaviour suite
 * (the ports test-jar's {@code WebhookInboxContract}) checks every implementation.
 *
 * <p>Implementations are thread-safe and never block the calling thread on I/O. A stage that cannot do its work
 * (the store is full or unreachable) fails with {@link WebhookInboxException}; it never half-records.
 */
public interface WebhookInbox {
    /** What {@link #record} found. */
    enum Recorded {
        /** The id was unknown; the event is now recorded, unprocessed. */
        NEW,
        /** The id was already recorded (processed or not); nothing changed. */
        DUPLICATE
    }

    /** Where an event id stands. */
    enum Status {
        /** Never recorded, or forgotten since (see the implementation's retention). */
        UNKNOWN,
        /** Recorded, not yet processed. */
        RECORDED,
        /** Recorded and processed. */
        PROCESSED
    }

    /**
     * Records {@code event} under its id, atomically: of two records of one id, at the same time or not, exactly
     * one answers {@link Recorded#NEW}. Fails with {@link WebhookInboxException} when the event cannot be
     * recorded (then nothing is recorded).
     */
    CompletionStage<Recorded> record(ProviderEvent event);

    /**
     * Marks a recorded event processed (again: no change). An id not recorded (or forgotten) is recorded as
     * processed with what {@code event} says, so reconciliation still sees it as the last processed event.
     */
    CompletionStage<Void> markProcessed(ProviderEvent event);

    /**
     * The processed event created last (ties: the greatest id), if any was processed: where reconciliation stops
     * paging back. Processing an older event after a newer one does not move it back.
     */
    CompletionStage<Optional<ProviderEvent>> lastProcessed();

    /** Where this id stands. */
    CompletionStage<Status> status(String eventId);

    /** Whether this id is recorded, processed or not. */
    default CompletionStage<Boolean> isKnown(String eventId) {
        return status(eventId).thenApply(s -> s != Status.UNKNOWN);
    }

    /** Up to {@code limit} recorded events not yet processed, oldest ({@link ProviderEvent#created()}) first. */
    CompletionStage<List<ProviderEvent>> unprocessed(int limit);
}
