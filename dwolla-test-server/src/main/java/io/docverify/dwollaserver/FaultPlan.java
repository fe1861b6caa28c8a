package io.docverify.dwollaserver;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.EnumMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Faults queued per route, consumed in order: {@code on(route, fault, n)} makes the next {@code n} requests of
 * the route (after any faults queued before) suffer {@code fault}; a route with an empty queue answers normally.
 * Thread-safe.
 */
public final class FaultPlan {
    private final Map<Route, Deque<Entry>> queues = new EnumMap<>(Route.class);

    FaultPlan() {
    }

    /** Queues {@code fault} for the next {@code times} requests of {@code route}. */
    public synchronized FaultPlan on(Route route, Fault fault, int times) {
        Objects.requireNonNull(route, "route");
        Objects.requireNonNull(fault, "fault");
        if (route == Route.OTHER) {
            throw new IllegalArgumentException("faults apply to Dwolla's routes, not to OTHER");
        }
        if (times < 1) {
            throw new IllegalArgumentException("times must be positive");
        }
        queues.computeIfAbsent(route, r -> new ArrayDeque<>()).addLast(new Entry(fault, times));
        return this;
    }

    /** Queues {@code fault} for the next request of {@code route}. */
    public FaultPlan on(Route route, Fault fault) {
        return on(route, fault, 1);
    }

    /** Drops every queued fault. */
    public synchronized void clear() {
        queues.clear();
    }

    /** How many faulted requests are still queued for a route. */
    public synchronized int remaining(Route route) {
        Deque<Entry> queue = queues.get(route);
        return queue == null ? 0 : queue.stream().mapToInt(e -> e.left).sum();
    }

    /** Takes the fault for the request arriving now, if any. */
    synchronized Optional<Fault> next(Route route) {
        Deque<Entry> queue = queues.get(route);
        if (queue == null || queue.isEmpty()) {
            return Optional.empty();
        }
        Entry head = queue.peekFirst();
        head.left--;
        if (head.left == 0) {
            queue.removeFirst();
        }
        return Optional.of(head.fault);
    }

    private static final class Entry {
        final Fault fault;
        int left;

        Entry(Fault fault, int left) {
            this.fault = fault;
            this.left = left;
        }
    }
}
