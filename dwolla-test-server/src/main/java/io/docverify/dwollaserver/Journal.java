package io.docverify.dwollaserver;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

/**
 * Every request the server saw, in the order they arrived. A request is listed once it is finished (answered,
 * reset, or abandoned by the client); it is recorded before its answer is written, so a client that has the answer
 * finds the request here. It keeps the last {@link DwollaServerConfig#journalCapacity()} requests.
 */
public final class Journal {
    private final AtomicLong arrivals = new AtomicLong();
    private final ConcurrentSkipListMap<Long, RecordedRequest> finished = new ConcurrentSkipListMap<>();
    private final ConcurrentSkipListMap<Long, Supplier<RecordedRequest>> running = new ConcurrentSkipListMap<>();

    private final int capacity;

    Journal(int capacity) {
        this.capacity = capacity;
    }

    /** A ticket for an arriving request (its position in {@link #all()}); {@code now} describes it while it runs. */
    long arrive(Supplier<RecordedRequest> now) {
        long ticket = arrivals.incrementAndGet();
        running.put(ticket, now);
        return ticket;
    }

    void record(long ticket, RecordedRequest request) {
        finished.put(ticket, request);
        running.remove(ticket);
        while (finished.size() > capacity) {
            finished.pollFirstEntry();
        }
    }

    /**
     * The requests still running (arrived, not yet answered), in arrival order, each with the bytes read so far and
     * status {@link RecordedRequest#NO_RESPONSE}: lets a test wait until an upload is under way.
     */
    public List<RecordedRequest> inFlight() {
        return running.values().stream().map(Supplier::get).toList();
    }

    /** All finished requests, in arrival order. */
    public List<RecordedRequest> all() {
        return List.copyOf(new ArrayList<>(finished.values()));
    }

    /** The finished requests of one route, in arrival order. */
    public List<RecordedRequest> of(Route route) {
        return all().stream().filter(r -> r.route() == route).toList();
    }

    /** How many requests of a route were seen (answered or not). */
    public int count(Route route) {
        return (int) finished.values().stream().filter(r -> r.route() == route).count();
    }

    /** Forgets every request (for tests that share a server). */
    public void clear() {
        finished.clear(); // running requests are still recorded when they finish
    }
}
