package io.docverify.application;

import io.docverify.ports.out.ProviderEvent;

/**
 * Where a provider event goes once the service has applied it (received by webhook or found by reconciliation,
 * recorded, its resource read and the change published): the log that {@code WatchEvents} streams from.
 * Implementations must be quick, must not block and must not throw.
 */
@FunctionalInterface
public interface AppliedEvents {
    /** Drops every event. */
    AppliedEvents NONE = event -> { };

    /** One event, applied. */
    void applied(ProviderEvent event);
}
