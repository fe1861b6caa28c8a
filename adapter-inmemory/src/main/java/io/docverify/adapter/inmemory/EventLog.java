package io.docverify.adapter.inmemory;

import io.docverify.domain.event.DocumentEvent;
import io.docverify.ports.out.DocumentEventPublisher;
import io.docverify.ports.out.EventFeed;
import io.docverify.ports.out.EventPage;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/**
 * The sandbox's event resources, as Dwolla keeps them: every domain event published to it becomes a
 * {@link SandboxEvent} (a random id, Dwolla's topic and {@code resourceId}), kept for 30 days (on the given clock)
 * and at most a count (default {@value #DEFAULT_MAX_EVENTS}; the oldest go first), read newest first
 * ({@link EventFeed}, {@link #newest}, {@link #get}), and handed to every {@link #listen listener} in process.
 *
 * <p>Thread-safe. {@link #publish} never throws: a listener that throws is reported in one log line (no stack
 * trace, no event content) and the other listeners still get the event. Listeners run on the publishing thread,
 * after the event is stored (so a listener can already read it back); {@link InMemoryDwolla} publishes one owner's
 * events one at a time and in order, so a listener sees them in that order.
 */
public final class EventLog implements DocumentEventPublisher, EventFeed {
    /** How long Dwolla keeps events. */
    public static final Duration DWOLLA_RETENTION = Duration.ofDays(30);
    /** How many events are kept at most unless told otherwise. */
    public static final int DEFAULT_MAX_EVENTS = 100_000;

    private static final System.Logger LOG = System.getLogger(EventLog.class.getName());

    private final Clock clock;
    private final Duration retention;
    private final int maxEvents;
    private final ArrayDeque<SandboxEvent> events = new ArrayDeque<>(); // oldest first; guarded by this
    private final Map<String, SandboxEvent> byId = new HashMap<>(); // guarded by this
    private final List<Listener> listeners = new CopyOnWriteArrayList<>();
    private volatile Optional<URI> baseUrl = Optional.empty();

    /** A log with Dwolla's 30 days and at most {@value #DEFAULT_MAX_EVENTS} events. */
    public EventLog(Clock clock) {
        this(clock, DWOLLA_RETENTION, DEFAULT_MAX_EVENTS);
    }

    /**
     * A log that keeps events for {@code retention} (on {@code clock}) and at most {@code maxEvents} of them.
     *
     * @throws IllegalArgumentException if the retention is not positive or the count is below 1
     */
    public EventLog(Clock clock, Duration retention, int maxEvents) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero() || maxEvents < 1) {
            throw new IllegalArgumentException("retention must be positive and maxEvents at least 1");
        }
        this.maxEvents = maxEvents;
    }

    /** One page of events, newest first, and how many are kept in all. */
    public record Page(List<SandboxEvent> events, int total) {
        public Page {
            events = List.copyOf(events);
        }
    }

    /** A listener's registration; closing it stops the deliveries to that listener. */
    public interface Subscription extends AutoCloseable {
        /** Stops the deliveries; idempotent. */
        @Override
        void close();
    }

    /** Stores the event and hands it to every listener; never throws. */
    @Override
    public void publish(DocumentEvent event) {
        if (event == null) {
            return;
        }
        SandboxEvent stored = SandboxEvent.of(event);
        synchronized (this) {
            events.addLast(stored);
            byId.put(stored.id(), stored);
            prune();
        }
        for (Listener listener : listeners) {
            listener.accept(stored);
        }
    }

    /**
     * Registers a listener for every event published from now on.
     *
     * @return the registration, to close when done
     */
    public Subscription listen(Consumer<SandboxEvent> listener) {
        var registered = new Listener(Objects.requireNonNull(listener, "listener"));
        listeners.add(registered);
        return () -> listeners.remove(registered);
    }

    /** The event with this id, if it is still kept. */
    public synchronized Optional<SandboxEvent> get(String id) {
        prune();
        return Optional.ofNullable(id == null ? null : byId.get(id));
    }

    /**
     * The kept events, newest first: {@code limit} of them after skipping {@code offset}.
     *
     * @throws IllegalArgumentException if {@code offset} is negative or {@code limit} is not 1 to
     *                                  {@link EventFeed#MAX_LIMIT}
     */
    public synchronized Page newest(int offset, int limit) {
        checkPage(offset, limit);
        prune();
        List<SandboxEvent> page = new ArrayList<>(Math.min(limit, events.size()));
        Iterator<SandboxEvent> newestFirst = events.descendingIterator();
        for (int skipped = 0; skipped < offset && newestFirst.hasNext(); skipped++) {
            newestFirst.next();
        }
        while (page.size() < limit && newestFirst.hasNext()) {
            page.add(newestFirst.next());
        }
        return new Page(page, events.size());
    }

    /** Every kept event, oldest first (a sandbox's state file). */
    public synchronized List<SandboxEvent> all() {
        prune();
        return List.copyOf(events);
    }

    /**
     * Puts stored events back (a sandbox's state file), oldest first, before the ones kept now; no listener hears
     * them. Those beyond the retention or the count are dropped as usual; an id already kept is skipped.
     */
    public synchronized void restore(List<SandboxEvent> stored) {
        var restored = new ArrayDeque<SandboxEvent>();
        for (SandboxEvent event : stored) {
            if (byId.putIfAbsent(event.id(), event) == null) {
                restored.addLast(event);
            }
        }
        restored.addAll(events);
        events.clear();
        events.addAll(restored);
        prune();
    }

    /** Forgets every event (the sandbox's reset); the listeners stay. */
    public synchronized void clear() {
        events.clear();
        byId.clear();
    }

    /** How many events are kept now. */
    public synchronized int size() {
        prune();
        return events.size();
    }

    /** {@link #newest} as provider events (linked under {@link #linksUnder the base URL}, if one was given). */
    @Override
    public CompletionStage<EventPage> page(int offset, int limit) {
        try {
            Page page = newest(offset, limit);
            Optional<URI> base = baseUrl;
            return CompletableFuture.completedFuture(new EventPage(
                    page.events().stream().map(e -> e.toProviderEvent(base)).toList(), page.total()));
        } catch (IllegalArgumentException refused) {
            return CompletableFuture.failedFuture(refused);
        }
    }

    /**
     * Makes {@link #page} link each event's resource and customer under this base URL (e.g. a test server's
     * {@code http://127.0.0.1:port}); without it the links are absent.
     */
    public void linksUnder(URI base) {
        String text = Objects.requireNonNull(base, "base").toString();
        this.baseUrl = Optional.of(URI.create(text.endsWith("/") ? text.substring(0, text.length() - 1) : text));
    }

    private static void checkPage(int offset, int limit) {
        if (offset < 0 || limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException(
                    "offset must be at least 0 and limit 1 to " + MAX_LIMIT + ", got " + offset + " and " + limit);
        }
    }

    /** Drops the events beyond the count and those older than the retention; call holding the lock. */
    private void prune() {
        Instant oldest = clock.instant().minus(retention);
        while (!events.isEmpty() && (events.size() > maxEvents || events.peekFirst().created().isBefore(oldest))) {
            byId.remove(events.removeFirst().id());
        }
    }

    /** A listener, isolated: what it throws is reported and swallowed. */
    private record Listener(Consumer<SandboxEvent> delegate) {
        void accept(SandboxEvent event) {
            try {
                delegate.accept(event);
            } catch (RuntimeException | LinkageError failed) {
                LOG.log(System.Logger.Level.WARNING, "an event listener failed with {0}; the other listeners "
                        + "still get the event", failed.getClass().getName());
            }
        }

        @Override
        public boolean equals(Object other) {
            return this == other;
        }

        @Override
        public int hashCode() {
            return System.identityHashCode(this);
        }
    }
}
