package io.docverify.ports.out;

import java.util.concurrent.CompletionStage;

/**
 * The provider's event resources read back ({@code GET /events}), newest first: how a receiver reconciles after
 * an outage, paging back to the last event it processed. Dwolla keeps events for 30 days. Implementations are
 * thread-safe and never block the calling thread on I/O.
 */
public interface EventFeed {
    /** Dwolla's largest page. */
    int MAX_LIMIT = 200;

    /**
     * Reads one page.
     *
     * @param offset how many of the newest events to skip, at least 0
     * @param limit  how many to return, 1 to {@link #MAX_LIMIT}
     */
    CompletionStage<EventPage> page(int offset, int limit);
}
