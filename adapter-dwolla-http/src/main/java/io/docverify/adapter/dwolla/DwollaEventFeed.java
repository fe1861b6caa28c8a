package io.docverify.adapter.dwolla;

import io.docverify.ports.out.EventFeed;
import io.docverify.ports.out.EventPage;
import java.util.concurrent.CompletionStage;

/**
 * Dwolla's {@code GET /events?limit=&offset=} as an {@link EventFeed}, newest first. Obtained from
 * {@link DwollaDocumentProvider#eventFeed()}: it shares that provider's token, retries, circuit breaker, rate limit,
 * time limits, metrics ({@code operation} and {@code route} {@code events}) and tracing, and is closed with it.
 * Failures are {@link io.docverify.domain.error.DocumentException}s with Dwolla's code, as for document reads; a
 * malformed page is a {@code ProtocolError}. Thread-safe and non-blocking.
 */
public final class DwollaEventFeed implements EventFeed {
    /** Reads one page, arguments already checked. */
    @FunctionalInterface
    interface Pages {
        CompletionStage<EventPage> read(int offset, int limit);
    }

    private final Pages pages;

    DwollaEventFeed(Pages pages) {
        this.pages = pages;
    }

    /**
     * Reads one page.
     *
     * @throws IllegalArgumentException if {@code offset} is negative or {@code limit} is outside 1 to
     *                                  {@link #MAX_LIMIT}, before anything is sent
     */
    @Override
    public CompletionStage<EventPage> page(int offset, int limit) {
        if (offset < 0) {
            throw new IllegalArgumentException("offset must be at least 0, was " + offset);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ", was " + limit);
        }
        return pages.read(offset, limit);
    }

    /** The path of one page. */
    static String path(int offset, int limit) {
        return "/events?limit=" + limit + "&offset=" + offset;
    }

    /** A page's body read, a malformed one a protocol error (the message names the field, never the body). */
    static EventPage parse(byte[] body) {
        try {
            return DwollaEventJson.parsePage(body);
        } catch (MalformedEventException e) {
            throw DwollaFailure.protocol("Dwolla's events page is malformed: " + e.getMessage() + ".");
        }
    }

    @Override
    public String toString() {
        return "DwollaEventFeed";
    }
}
