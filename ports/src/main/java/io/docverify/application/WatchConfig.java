package io.docverify.application;

import java.time.Duration;
import java.util.Objects;

/**
 * Configuration of {@link DocumentWatchService}.
 *
 * @param pollInterval how often a watch re-reads its document in addition to the in-process events; zero (the
 *                     default, {@link #EVENTS_ONLY}) polls never. A provider whose reviews do not arrive as
 *                     in-process events (Dwolla, whose reviews take days and arrive as webhooks elsewhere) needs
 *                     polling.
 */
public record WatchConfig(Duration pollInterval) {
    /** No polling: the watch relies on the in-process event bus. */
    public static final WatchConfig EVENTS_ONLY = new WatchConfig(Duration.ZERO);

    public WatchConfig {
        Objects.requireNonNull(pollInterval, "pollInterval");
        if (pollInterval.isNegative()) {
            throw new IllegalArgumentException("pollInterval must not be negative: " + pollInterval);
        }
    }

    /** Polling every {@code interval}. */
    public static WatchConfig polling(Duration interval) {
        return new WatchConfig(interval);
    }

    /** True if a watch polls. */
    public boolean polls() {
        return !pollInterval.isZero();
    }
}
