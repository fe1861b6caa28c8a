package io.docverify.adapter.inmemory.store;

import io.docverify.ports.out.ProviderEvent;
import io.docverify.ports.out.WebhookInbox;
import io.docverify.ports.out.WebhookInboxException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The embedded {@link WebhookInbox}: in memory, lost when the process ends (reconciliation then reads the provider's
 * event feed back over the lookback the service is configured with).
 *
 * <p>What is kept: for each event id, its {@code created} instant, and the whole event only while it is
 * unprocessed; and the last processed event. An id is kept at least {@code retention} after its event's
 * {@code created} (set it to the receiver's replay window: an older event is refused as stale before it is
 * recorded, so its id is no longer needed to recognise a duplicate). At most {@code maxEvents} ids are kept: when
 * that many are kept, the expired ones are dropped, and if none has expired a new record fails with
 * {@link WebhookInboxException} (the receiver answers 503 and the provider delivers again later) rather than
 * forget an id still inside the retention.
 */
public final class InMemoryWebhookInbox implements WebhookInbox {
    /** Ids kept at most unless configured. */
    public static final int DEFAULT_MAX_EVENTS = 100_000;

    private static final Comparator<ProviderEvent> ORDER = Comparator.comparing(ProviderEvent::created)
            .thenComparing(ProviderEvent::id);

    private static final CompletionStage<Recorded> NEW = CompletableFuture.completedStage(Recorded.NEW);
    private static final CompletionStage<Recorded> DUPLICATE = CompletableFuture.completedStage(Recorded.DUPLICATE);

    private final Clock clock;
    private final Duration retention;
    private final int maxEvents;

    // Guarded by this.
    private final Map<String, Entry> entries = new HashMap<>();
    private ProviderEvent lastProcessed;
    // No id kept was created before this (a lower bound: exact after each look, lowered by each put), so nothing
    // can have expired while the horizon is not past it, and a full inbox need not look through its ids again.
    private Instant earliestCreated = Instant.MAX;
    private int scans;

    /** One id: when its event was created, and the event while it is unprocessed (null once processed). */
    private record Entry(Instant created, ProviderEvent unprocessed) {
    }

    /**
     * @param clock     the present, for the retention
     * @param retention how long after its {@code created} an id is kept at least; more than zero
     * @param maxEvents the most ids kept; at least 1
     */
    public InMemoryWebhookInbox(Clock clock, Duration retention, int maxEvents) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.retention = Objects.requireNonNull(retention, "retention");
        if (retention.isNegative() || retention.isZero()) {
            throw new IllegalArgumentException("retention must be more than zero: " + retention);
        }
        if (maxEvents < 1) {
            throw new IllegalArgumentException("maxEvents must be at least 1: " + maxEvents);
        }
        this.maxEvents = maxEvents;
    }

    @Override
    public CompletionStage<Recorded> record(ProviderEvent event) {
        Objects.requireNonNull(event, "event");
        synchronized (this) {
            if (entries.size() < maxEvents) {
                // One look-up: the id is taken, or it is now recorded.
                if (entries.putIfAbsent(event.id(), new Entry(event.created(), event)) != null) {
                    return DUPLICATE;
                }
                lowerEarliest(event.created());
                return NEW;
            }
            if (entries.containsKey(event.id())) {
                return DUPLICATE;
            }
            dropExpired();
            if (entries.size() >= maxEvents) {
                return CompletableFuture.failedFuture(new WebhookInboxException("the webhook inbox holds "
                        + maxEvents + " events, none older than the retention of " + retention));
            }
            put(event.id(), new Entry(event.created(), event));
            return NEW;
        }
    }

    @Override
    public CompletionStage<Void> markProcessed(ProviderEvent event) {
        Objects.requireNonNull(event, "event");
        synchronized (this) {
            Entry entry = entries.get(event.id());
            if (entry == null && entries.size() >= maxEvents) {
                dropExpired();
            }
            if (entry != null || entries.size() < maxEvents) {
                put(event.id(), new Entry(entry == null ? event.created() : entry.created(), null));
            }
            if (lastProcessed == null || ORDER.compare(event, lastProcessed) > 0) {
                lastProcessed = event;
            }
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Optional<ProviderEvent>> lastProcessed() {
        return CompletableFuture.completedFuture(Optional.ofNullable(lastProcessed));
    }

    @Override
    public synchronized CompletionStage<Status> status(String eventId) {
        Entry entry = entries.get(Objects.requireNonNull(eventId, "eventId"));
        Status status = entry == null ? Status.UNKNOWN
                : entry.unprocessed() == null ? Status.PROCESSED : Status.RECORDED;
        return CompletableFuture.completedFuture(status);
    }

    @Override
    public CompletionStage<List<ProviderEvent>> unprocessed(int limit) {
        if (limit < 1) {
            throw new IllegalArgumentException("limit must be at least 1: " + limit);
        }
        var events = new ArrayList<ProviderEvent>();
        synchronized (this) {
            for (Entry entry : entries.values()) {
                if (entry.unprocessed() != null) {
                    events.add(entry.unprocessed());
                }
            }
        }
        events.sort(ORDER);
        return CompletableFuture.completedFuture(List.copyOf(events.subList(0, Math.min(limit, events.size()))));
    }

    /** How many ids are kept (for tests and metrics). */
    public synchronized int size() {
        return entries.size();
    }

    /** How many times the ids were looked through for expired ones (for tests). */
    synchronized int scans() {
        return scans;
    }

    private void put(String id, Entry entry) {
        entries.put(id, entry);
        lowerEarliest(entry.created());
    }

    private void lowerEarliest(Instant created) {
        if (created.isBefore(earliestCreated)) {
            earliestCreated = created;
        }
    }

    private void dropExpired() {
        Instant horizon = clock.instant().minus(retention);
        if (!earliestCreated.isBefore(horizon)) {
            return;
        }
        scans++;
        Instant earliest = Instant.MAX;
        for (var it = entries.values().iterator(); it.hasNext();) {
            Instant created = it.next().created();
            if (created.isBefore(horizon)) {
                it.remove();
            } else if (created.isBefore(earliest)) {
                earliest = created;
            }
        }
        earliestCreated = earliest;
    }
}
