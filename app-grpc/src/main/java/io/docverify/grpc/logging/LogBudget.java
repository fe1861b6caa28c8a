package io.docverify.grpc.logging;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.LongSupplier;

/**
 * How many lines one kind of client mistake may log: at most {@code lines} per window; past that, the lines are
 * dropped and counted, and the first line of the next window says how many were dropped. A client repeating its
 * mistake in a loop therefore costs the log a few lines a minute, not one per call.
 */
public final class LogBudget {
    private final int lines;
    private final long windowNanos;
    private final LongSupplier clock;
    private final Object lock = new Object();
    private final AtomicLong dropped = new AtomicLong();
    private long windowStart;
    private int used;

    /** {@code lines} per {@code window} (zero: no limit), on the system's monotonic clock. */
    public LogBudget(int lines, Duration window) {
        this(lines, window, System::nanoTime);
    }

    LogBudget(int lines, Duration window, LongSupplier clock) {
        if (lines < 1 || window.isNegative()) {
            throw new IllegalArgumentException("a log budget needs at least one line per window of 0 or more "
                    + "(0: no limit)");
        }
        this.lines = lines;
        this.windowNanos = window.toNanos();
        this.clock = clock;
        this.windowStart = clock.getAsLong();
    }

    /**
     * Takes one line from the budget: -1 if none is left (the line must not be logged), otherwise how many lines
     * were dropped since the last one logged (0 mostly), which the caller adds to its line.
     */
    public long take() {
        synchronized (lock) {
            long now = clock.getAsLong();
            if (now - windowStart >= windowNanos) {
                windowStart = now;
                used = 0;
            }
            if (used >= lines) {
                dropped.incrementAndGet();
                return -1;
            }
            used++;
            return dropped.getAndSet(0);
        }
    }

    /**
     * For a budget of one line per window, where the line carries a count: takes one event, and returns how many
     * events the line to log now stands for (this one and those dropped since the last line), or 0 to stay quiet.
     */
    public long takeCounting() {
        long droppedBefore = take();
        return droppedBefore < 0 ? 0 : droppedBefore + 1;
    }
}
