package io.docverify.grpc.connection;

import java.time.Duration;

/**
 * Counts events and says when to log them: at most once per interval, with the number of events since the last
 * line, so a flood of one event is one log line per interval.
 */
public final class RateLimitedCount {
    private final long intervalNanos;
    // Guarded by this.
    private long count;
    private long lastLogged;
    private boolean loggedOnce;

    public RateLimitedCount(Duration interval) {
        this.intervalNanos = interval.toNanos();
    }

    /** Counts one event; returns the count to log now (this one included), or 0 to stay quiet. */
    public synchronized long add() {
        count++;
        long now = System.nanoTime();
        if (!loggedOnce || now - lastLogged >= intervalNanos) {
            loggedOnce = true;
            lastLogged = now;
            long logged = count;
            count = 0;
            return logged;
        }
        return 0;
    }
}
