package io.docverify.application;

import io.docverify.domain.BeneficialOwnerId;
import io.docverify.domain.CustomerId;
import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.error.DocumentException;
import io.docverify.domain.event.DocumentEvent;
import io.docverify.ports.out.ProviderEvent;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;

/**
 * The service's recent document and owner events, bounded by count and age, for {@code WatchEvents}: readers
 * replay what they missed after the last event they saw, then follow new events live ({@link EventSubscription}).
 * Thread-safe; appends and subscriptions take one lock, under which a new event is only queued to its readers (a
 * cheap offer each: the readers of its owner and those of every owner, found by one map look-up).
 *
 * <p>Fed from one of two sources, chosen where it is wired:
 * <ul>
 *   <li>a backend whose changes happen in this process (the in-memory stand-in): {@link #follow} its
 *       {@link DocumentEventBus}; each event gets a generated id, {@code <boot>-<sequence>}: unique, and ordered
 *       as strings in the order logged, within a process and across later boots of it;</li>
 *   <li>Dwolla: the webhook processor hands each applied event to {@link #applied} (this log is its
 *       {@link AppliedEvents}); the id is Dwolla's event id, and an id already logged is ignored. The processor
 *       also publishes what it applied on the backend's bus for {@code WatchDocument}: such a log must not follow
 *       that bus, or every event would be logged twice.</li>
 * </ul>
 *
 * <p>Entries are kept until more than {@link Settings#maxEvents()} push out the oldest, or until they are older
 * than {@link Settings#retention()} (by the time they were logged).
 */
public final class ServiceEventLog implements AppliedEvents {
    private static final String BENEFICIAL_OWNER_PREFIX = "customer_beneficial_owner_";
    /**
     * The provider's owner topics that are logged (their resource is the customer or the beneficial owner): the
     * status topics of {@link DocumentEvent.OwnerStatusChanged} and Dwolla's other owner lifecycle topics. Other
     * topics (transfers, funding sources, ...) are not document events and are not logged.
     */
    static final Set<String> OWNER_TOPICS = Set.of("customer_created", "customer_verified",
            "customer_reverification_needed", "customer_suspended", "customer_activated", "customer_deactivated",
            "customer_verification_document_needed", "customer_kba_verification_needed",
            "customer_verification_pending_review", "customer_beneficial_owner_created",
            "customer_beneficial_owner_verified", "customer_beneficial_owner_verification_document_needed",
            "customer_beneficial_owner_reverification_needed", "customer_beneficial_owner_removed");

    /**
     * How much the log keeps, and how far one reader may fall behind.
     *
     * @param maxEvents   entries kept at most (the oldest go first), 1 to {@value #MAX_EVENTS_LIMIT}
     * @param retention   how long an entry is kept at most, positive
     * @param streamQueue how many new events one reader may have queued and not yet taken before it is dropped
     */
    public record Settings(int maxEvents, Duration retention, int streamQueue) {
        /** The largest {@link #maxEvents} accepted. */
        public static final int MAX_EVENTS_LIMIT = 1_000_000;
        /** Entries kept unless configured. */
        public static final int DEFAULT_MAX_EVENTS = 10_000;
        /** How long entries are kept unless configured. */
        public static final Duration DEFAULT_RETENTION = Duration.ofHours(24);
        /** A reader's queue unless configured. */
        public static final int DEFAULT_STREAM_QUEUE = 1_000;
        /** The defaults. */
        public static final Settings DEFAULTS = new Settings(DEFAULT_MAX_EVENTS, DEFAULT_RETENTION,
                DEFAULT_STREAM_QUEUE);

        public Settings {
            Objects.requireNonNull(retention, "retention");
            if (maxEvents < 1 || maxEvents > MAX_EVENTS_LIMIT) {
                throw new IllegalArgumentException("maxEvents must be 1 to " + MAX_EVENTS_LIMIT + ", not "
                        + maxEvents);
            }
            if (retention.isNegative() || retention.isZero()) {
                throw new IllegalArgumentException("retention must be positive, not " + retention);
            }
            if (streamQueue < 1) {
                throw new IllegalArgumentException("streamQueue must be at least 1, not " + streamQueue);
            }
        }
    }

    private record Stored(ServiceEvent event, Instant logged) {
    }

    private final Settings settings;
    private final Clock clock;
    private final String boot;
    // Guarded by this: a ring of positions [first, next), each id's position, and the readers.
    private final Stored[] ring;
    private long first;
    private long next;
    private long sequence;
    private final Map<String, Long> positions = new HashMap<>();
    // Each owner's positions, oldest first: an owner's replay visits its own entries, not the whole log.
    private final Map<OwnerId, java.util.ArrayDeque<Long>> ownerPositions = new HashMap<>();
    private final Set<EventSubscription> everyOwner = new LinkedHashSet<>();
    private final Map<OwnerId, Set<EventSubscription>> byOwner = new HashMap<>();
    private int subscriptions;

    /** An empty log; its generated ids start with a prefix made of the clock's time now. */
    public ServiceEventLog(Settings settings, Clock clock) {
        this.settings = Objects.requireNonNull(settings, "settings");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.ring = new Stored[settings.maxEvents()];
        // Fixed width, so that a later boot's ids sort after this one's; a random tail tells apart two boots in
        // the same millisecond.
        this.boot = String.format(Locale.ROOT, "%011d%03d", clock.millis() & 0x7fff_ffff_ffffL,
                ThreadLocalRandom.current().nextInt(1000));
    }

    /** Logs every event of {@code bus} (a backend whose changes happen in this process) until closed. */
    public DocumentEventBus.Subscription follow(DocumentEventBus bus) {
        return bus.subscribe(this::record);
    }

    /** Logs an in-process domain event under a new generated id. */
    public void record(DocumentEvent event) {
        Optional<DocumentId> document = Optional.empty();
        if (event instanceof DocumentEvent.DocumentUploaded e) {
            document = Optional.of(e.documentId());
        } else if (event instanceof DocumentEvent.DocumentApproved e) {
            document = Optional.of(e.documentId());
        } else if (event instanceof DocumentEvent.DocumentFailed e) {
            document = Optional.of(e.documentId());
        }
        synchronized (this) {
            String id = boot + "-" + String.format(Locale.ROOT, "%012d", ++sequence);
            append(new ServiceEvent(id, event.occurredAt(), event.topic(), event.resourceId(),
                    Optional.of(event.owner()), document));
        }
    }

    /**
     * Logs a provider event under its own id: a document topic or one of the owner topics; others, and an id
     * already logged, are ignored. Never throws.
     */
    @Override
    public void applied(ProviderEvent event) {
        if (!event.concernsDocument() && !OWNER_TOPICS.contains(event.topic())) {
            return;
        }
        ServiceEvent entry;
        try {
            entry = fromProvider(event);
        } catch (RuntimeException e) {
            return;
        }
        synchronized (this) {
            if (!positions.containsKey(entry.id())) {
                append(entry);
            }
        }
    }

    /** Follows every owner's events, or one owner's, from now on. */
    public EventSubscription subscribe(Optional<OwnerId> owner, Runnable wake) {
        return subscribe(owner, Optional.empty(), false, wake);
    }

    /**
     * Replays the retained events after {@code afterId} (with {@code afterId} empty: every retained event if
     * {@code fromOldest}, else none), then follows new ones; {@code wake} runs, on the appending thread, each time
     * something is queued and once when the subscription overflows: it must be quick and must not block.
     *
     * @throws EventNotRetainedException if {@code afterId} is not in the log (unknown, or no longer retained)
     */
    public EventSubscription subscribe(Optional<OwnerId> owner, Optional<String> afterId, boolean fromOldest,
            Runnable wake) {
        Objects.requireNonNull(owner, "owner");
        Objects.requireNonNull(afterId, "afterId");
        Objects.requireNonNull(wake, "wake");
        synchronized (this) {
            trim(clock.instant());
            long from = next;
            if (afterId.isPresent()) {
                Long position = positions.get(afterId.get());
                if (position == null) {
                    throw new EventNotRetainedException(oldestId());
                }
                from = position + 1;
            } else if (fromOldest) {
                from = first;
            }
            var replay = new ArrayList<ServiceEvent>();
            if (owner.isEmpty()) {
                for (long p = from; p < next; p++) {
                    replay.add(at(p).event());
                }
            } else {
                for (long p : ownerPositions.getOrDefault(owner.get(), new java.util.ArrayDeque<>())) {
                    if (p >= from) {
                        replay.add(at(p).event());
                    }
                }
            }
            var subscription = new EventSubscription(this, owner, List.copyOf(replay), settings.streamQueue(),
                    wake);
            readers(owner).add(subscription);
            subscriptions++;
            return subscription;
        }
    }

    /** Entries held now. */
    public synchronized int size() {
        return (int) (next - first);
    }

    /** Open subscriptions. */
    public synchronized int subscriptionCount() {
        return subscriptions;
    }

    /** The oldest entry's id, if any. */
    public synchronized Optional<String> oldestId() {
        return next == first ? Optional.empty() : Optional.of(at(first).event().id());
    }

    /** The newest entry's id, if any. */
    public synchronized Optional<String> newestId() {
        return next == first ? Optional.empty() : Optional.of(at(next - 1).event().id());
    }

    /** What the log keeps. */
    public Settings settings() {
        return settings;
    }

    synchronized void remove(EventSubscription subscription) {
        Set<EventSubscription> readers = subscription.owner().map(byOwner::get).orElse(everyOwner);
        if (readers != null && readers.remove(subscription)) {
            subscriptions--;
            if (readers.isEmpty() && subscription.owner().isPresent()) {
                byOwner.remove(subscription.owner().get());
            }
        }
    }

    private Set<EventSubscription> readers(Optional<OwnerId> owner) {
        return owner.map(o -> byOwner.computeIfAbsent(o, k -> new LinkedHashSet<>())).orElse(everyOwner);
    }

    // Under this.
    private void append(ServiceEvent event) {
        Instant now = clock.instant();
        trim(now);
        if (next - first == ring.length) {
            evictOldest();
        }
        ring[(int) (next % ring.length)] = new Stored(event, now);
        positions.put(event.id(), next);
        event.owner().ifPresent(o -> ownerPositions.computeIfAbsent(o, k -> new java.util.ArrayDeque<>()).addLast(next));
        next++;
        List<EventSubscription> dropped = null;
        dropped = deliver(everyOwner, event, dropped);
        if (event.owner().isPresent()) {
            Set<EventSubscription> readers = byOwner.get(event.owner().get());
            if (readers != null) {
                dropped = deliver(readers, event, dropped);
            }
        }
        if (dropped != null) {
            dropped.forEach(this::remove);
        }
    }

    private static List<EventSubscription> deliver(Set<EventSubscription> readers, ServiceEvent event,
            List<EventSubscription> dropped) {
        for (EventSubscription reader : readers) {
            if (!reader.offer(event)) {
                if (dropped == null) {
                    dropped = new ArrayList<>();
                }
                dropped.add(reader);
            }
        }
        return dropped;
    }

    private void trim(Instant now) {
        Instant oldest = now.minus(settings.retention());
        while (next > first && at(first).logged().isBefore(oldest)) {
            evictOldest();
        }
    }

    private void evictOldest() {
        int index = (int) (first % ring.length);
        ServiceEvent evicted = ring[index].event();
        positions.remove(evicted.id());
        evicted.owner().ifPresent(o -> {
            var own = ownerPositions.get(o);
            own.pollFirst(); // the oldest entry of the log is the oldest of its owner's
            if (own.isEmpty()) {
                ownerPositions.remove(o);
            }
        });
        ring[index] = null;
        first++;
    }

    private Stored at(long position) {
        return ring[(int) (position % ring.length)];
    }

    /** A provider event as an entry: its owner from the topic and the resource or customer link. */
    static ServiceEvent fromProvider(ProviderEvent event) {
        String topic = event.topic();
        boolean beneficialOwner = topic.startsWith(BENEFICIAL_OWNER_PREFIX);
        Optional<OwnerId> owner;
        Optional<DocumentId> document = Optional.empty();
        if (event.concernsDocument()) {
            document = Optional.of(new DocumentId(event.resourceId()));
            // Dwolla's event names the customer, not a beneficial owner, for a beneficial owner's document.
            owner = beneficialOwner ? Optional.empty() : event.customer().flatMap(ServiceEventLog::lastSegment);
        } else if (beneficialOwner) {
            owner = Optional.of(new BeneficialOwnerId(event.resourceId()));
        } else {
            owner = Optional.of(new CustomerId(event.resourceId()));
        }
        return new ServiceEvent(event.id(), event.created(), topic, event.resourceId(), owner, document);
    }

    private static Optional<OwnerId> lastSegment(URI uri) {
        String path = uri.getPath();
        if (path == null || path.isEmpty()) {
            return Optional.empty();
        }
        String segment = path.substring(path.lastIndexOf('/') + 1);
        try {
            return Optional.of(new CustomerId(segment));
        } catch (DocumentException e) {
            return Optional.empty();
        }
    }
}
