package io.docverify.adapter.inmemory.store;

import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import io.docverify.ports.out.DocumentChange;
import io.docverify.ports.out.HistoryPage;
import io.docverify.ports.out.HistoryQuery;
import io.docverify.ports.out.Journal;
import io.docverify.ports.out.JournalEntry;
import io.docverify.ports.out.JournalEntry.AttemptStatus;
import io.docverify.ports.out.UploadAttempt;
import io.docverify.ports.out.UploadOutcome;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableSet;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The embedded {@link Journal}: in memory, lost when the process ends (a durable journal is the PostgreSQL one).
 *
 * <p>Bounded by pruning, oldest first: at most {@code maxEntries} entries are kept; appending one more drops the
 * oldest entry (an attempt's start may so outlive or be outlived by its end; an end whose start was dropped still
 * reads, and an attempt whose start was dropped can no longer be ended: {@link IllegalArgumentException}). It never
 * refuses an append. Replica leases are kept for at most {@code maxEntries} replicas as well, the earliest expiring
 * dropped first.
 */
public final class InMemoryJournal implements Journal {
    /** Entries kept at most unless configured. */
    public static final int DEFAULT_MAX_ENTRIES = 100_000;

    private final Clock clock;
    private final int maxEntries;

    // All guarded by this.
    private final TreeMap<Long, Stored> entries = new TreeMap<>();
    private final Map<OwnerId, NavigableSet<Long>> byOwner = new HashMap<>();
    private final Map<DocumentId, NavigableSet<Long>> byDocument = new HashMap<>();
    private final Map<Long, Long> endOf = new HashMap<>();
    private final Map<String, Instant> leases = new HashMap<>();
    private long lastSequence;

    /** What an entry is kept as: a start's status is worked out when it is read. */
    private record Stored(JournalEntry entry, List<DocumentId> documents) {
    }

    /**
     * @param clock      the present, for the replicas' leases
     * @param maxEntries the most entries kept; at least 1
     */
    public InMemoryJournal(Clock clock, int maxEntries) {
        this.clock = Objects.requireNonNull(clock, "clock");
        if (maxEntries < 1) {
            throw new IllegalArgumentException("maxEntries must be at least 1: " + maxEntries);
        }
        this.maxEntries = maxEntries;
    }

    @Override
    public synchronized CompletionStage<Long> uploadStarted(UploadAttempt attempt) {
        Objects.requireNonNull(attempt, "attempt");
        long sequence = ++lastSequence;
        append(new JournalEntry.UploadStarted(sequence, attempt, AttemptStatus.RUNNING), List.of());
        return CompletableFuture.completedFuture(sequence);
    }

    @Override
    public synchronized CompletionStage<Long> uploadEnded(long attemptId, UploadOutcome outcome) {
        Objects.requireNonNull(outcome, "outcome");
        Stored start = entries.get(attemptId);
        if (start == null || !(start.entry() instanceof JournalEntry.UploadStarted started)) {
            return CompletableFuture.failedFuture(new IllegalArgumentException("no upload attempt " + attemptId));
        }
        if (endOf.containsKey(attemptId)) {
            return CompletableFuture.failedFuture(new IllegalStateException("attempt " + attemptId + " has ended"));
        }
        long sequence = ++lastSequence;
        endOf.put(attemptId, sequence);
        outcome.document().ifPresent(d -> {
            byDocument.computeIfAbsent(d, k -> new TreeSet<>()).add(attemptId);
            entries.put(attemptId, new Stored(start.entry(), List.of(d)));
        });
        append(new JournalEntry.UploadEnded(sequence, attemptId, started.owner(), outcome),
                outcome.document().stream().toList());
        return CompletableFuture.completedFuture(sequence);
    }

    @Override
    public synchronized CompletionStage<Long> changed(DocumentChange change) {
        Objects.requireNonNull(change, "change");
        long sequence = ++lastSequence;
        append(new JournalEntry.Changed(sequence, change), change.document().stream().toList());
        return CompletableFuture.completedFuture(sequence);
    }

    @Override
    public synchronized CompletionStage<HistoryPage> history(HistoryQuery query) {
        Objects.requireNonNull(query, "query");
        NavigableSet<Long> sequences = query.subject() instanceof HistoryQuery.OfDocument d
                ? byDocument.get(d.document()) : byOwner.get(((HistoryQuery.OfOwner) query.subject()).owner());
        var page = new ArrayList<JournalEntry>();
        if (sequences != null) {
            Instant now = clock.instant();
            for (long sequence : sequences.tailSet(query.after(), false)) {
                if (page.size() == query.limit()) {
                    break;
                }
                page.add(read(entries.get(sequence), now));
            }
        }
        return CompletableFuture.completedFuture(HistoryPage.of(page, query.limit()));
    }

    @Override
    public synchronized CompletionStage<List<JournalEntry>> changesSince(long sequence, int limit) {
        if (limit < 1 || limit > MAX_CHANGES) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_CHANGES + ": " + limit);
        }
        Instant now = clock.instant();
        var page = new ArrayList<JournalEntry>();
        for (Stored stored : entries.tailMap(sequence, false).values()) {
            if (page.size() == limit) {
                break;
            }
            page.add(read(stored, now));
        }
        return CompletableFuture.completedFuture(List.copyOf(page));
    }

    @Override
    public synchronized CompletionStage<Void> renewLease(String replica, Duration lease) {
        Objects.requireNonNull(replica, "replica");
        if (lease.isNegative() || lease.isZero()) {
            throw new IllegalArgumentException("a lease must be more than zero: " + lease);
        }
        Instant now = clock.instant();
        leases.put(replica, now.plus(lease));
        if (leases.size() > maxEntries) {
            leases.entrySet().stream().min(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
                    .ifPresent(leases::remove);
        }
        return CompletableFuture.completedFuture(null);
    }

    @Override
    public synchronized CompletionStage<Long> prune(Instant before) {
        Objects.requireNonNull(before, "before");
        List<Long> removed = new ArrayList<>();
        for (Stored stored : entries.values()) {
            JournalEntry entry = stored.entry();
            if (!entry.at().isBefore(before)) {
                continue;
            }
            if (entry instanceof JournalEntry.UploadStarted started) {
                Long end = endOf.get(started.sequence());
                Stored ending = end == null ? null : entries.get(end);
                if (ending != null && !ending.entry().at().isBefore(before)) {
                    continue;
                }
            } else if (entry instanceof JournalEntry.UploadEnded ended) {
                Stored start = entries.get(ended.attemptId());
                if (start != null && !start.entry().at().isBefore(before)) {
                    continue;
                }
            }
            removed.add(entry.sequence());
        }
        for (long sequence : removed) {
            drop(entries.remove(sequence));
        }
        return CompletableFuture.completedFuture((long) removed.size());
    }

    /** How many entries are kept (for tests and metrics). */
    public synchronized int size() {
        return entries.size();
    }

    private void append(JournalEntry entry, List<DocumentId> documents) {
        entries.put(entry.sequence(), new Stored(entry, documents));
        byOwner.computeIfAbsent(entry.owner(), k -> new TreeSet<>()).add(entry.sequence());
        documents.forEach(d -> byDocument.computeIfAbsent(d, k -> new TreeSet<>()).add(entry.sequence()));
        while (entries.size() > maxEntries) {
            drop(entries.pollFirstEntry().getValue());
        }
    }

    private void drop(Stored stored) {
        long sequence = stored.entry().sequence();
        forget(byOwner, stored.entry().owner(), sequence);
        stored.documents().forEach(d -> forget(byDocument, d, sequence));
        if (stored.entry() instanceof JournalEntry.UploadStarted) {
            endOf.remove(sequence);
        }
    }

    private static <K> void forget(Map<K, NavigableSet<Long>> index, K key, long sequence) {
        NavigableSet<Long> sequences = index.get(key);
        if (sequences != null && sequences.remove(sequence) && sequences.isEmpty()) {
            index.remove(key);
        }
    }

    private JournalEntry read(Stored stored, Instant now) {
        if (!(stored.entry() instanceof JournalEntry.UploadStarted started)) {
            return stored.entry();
        }
        AttemptStatus status;
        if (endOf.containsKey(started.sequence())) {
            status = AttemptStatus.ENDED;
        } else {
            Instant lease = leases.get(started.attempt().replica());
            status = lease != null && lease.isAfter(now) ? AttemptStatus.RUNNING : AttemptStatus.ABANDONED;
        }
        return new JournalEntry.UploadStarted(started.sequence(), started.attempt(), status);
    }
}
