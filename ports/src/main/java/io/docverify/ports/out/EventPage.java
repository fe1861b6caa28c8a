package io.docverify.ports.out;

import java.util.List;

/**
 * One page of a provider's events, newest first, and the total it reports (Dwolla's {@code total}).
 */
public record EventPage(List<ProviderEvent> events, long total) {
    public EventPage {
        events = List.copyOf(events);
        if (total < events.size()) {
            throw new IllegalArgumentException("total " + total + " is less than " + events.size() + " events");
        }
    }
}
