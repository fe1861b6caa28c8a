package io.docverify.adapter.inmemory.store;

import io.docverify.domain.DocumentId;
import io.docverify.ports.out.IdempotencyRecords;
import io.docverify.ports.out.KeyHash;
import io.docverify.ports.out.StoreUnavailableException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * The embedded {@link IdempotencyRecords}: in memory, for one process (a retry on another replica needs the
 * PostgreSQL ones), lost when it ends.
 *
 * <p>Bounded by refusal: at most {@code maxRecords} records are kept. When that many are kept, the records past the
 * window (and the released ones, which are not kept at all) make room; if none has expired, a claim of a new key
 * fails with {@link StoreUnavailableException} (the upload is refused with a retryable status) rather than forget a
 * key still inside its window, which would let a retry create a second document.
 */
public final class InMemoryIdempotencyRecords implements IdempotencyRecords {
    /** Records kept at most unless configured. */
    public static final int DEFAULT_MAX_RECORDS = 100_000;

    private final Clock clock;
    private final Duration window;
    private final int maxRecords;

    // Guarded by this.
    private final Map<Key, Record> records = new HashMap<>();

    private record Key(String scope, KeyHash key) {
    }

    /** One key: its request, when it was claimed, and its holder and lease, or its document once completed. */
    private record Record(String fingerprint, Instant claimedAt, String holder, Instant leaseUntil,
            DocumentId document) {
    }

    /**
     * @param clock      the present, for leases and the window
     * @param window     how long after its claim a record is kept; more than zero
     * @param maxRecords the most records kept; at least 1
     */
    public InMemoryIdempotencyRecords(Clock clock, Duration window, int maxRecords) {
        this.clock = Objects.requireNonNull(clock, "clock");
        this.window = positive(window, "window");
        if (maxRecords < 1) {
            throw new IllegalArgumentException("maxRecords must be at least 1: " + maxRecords);
        }
        this.maxRecords = maxRecords;
    }

    @Override
    public synchronized CompletionStage<Claim> claim(String scope, KeyHash key, String fingerprint, Duration lease) {
        var token = new Token(scope, key, UUID.randomUUID().toString());
        Objects.requireNonNull(fingerprint, "fingerprint");
        if (fingerprint.isEmpty() || fingerprint.length() > 128) {
            throw new IllegalArgumentException("a fingerprint is 1 to 128 characters");
        }
        positive(lease, "lease");
        Instant now = clock.instant();
        var id = new Key(scope, key);
        Record existing = records.get(id);
        if (existing != null && !expired(existing, now)) {
            if (!existing.fingerprint().equals(fingerprint)) {
                return CompletableFuture.completedFuture(new Mismatch());
            }
            if (existing.document() != null) {
                return CompletableFuture.completedFuture(new Completed(existing.document()));
            }
            if (existing.leaseUntil().isAfter(now)) {
                return CompletableFuture.completedFuture(new Running(existing.leaseUntil()));
            }
        }
        if (existing == null && records.size() >= maxRecords) {
            records.values().removeIf(r -> expired(r, now));
            if (records.size() >= maxRecords) {
                return CompletableFuture.failedFuture(new StoreUnavailableException("the idempotency records hold "
                        + maxRecords + " keys, none older than the window of " + window));
            }
        }
        records.put(id, new Record(fingerprint, now, token.claim(), now.plus(lease), null));
        return CompletableFuture.completedFuture(new Claimed(token));
    }

    @Override
    public synchronized CompletionStage<Boolean> complete(Token token, DocumentId document) {
        Objects.requireNonNull(document, "document");
        Record held = held(token);
        if (held != null) {
            records.put(new Key(token.scope(), token.key()),
                    new Record(held.fingerprint(), held.claimedAt(), null, held.leaseUntil(), document));
        }
        return CompletableFuture.completedFuture(held != null);
    }

    @Override
    public synchronized CompletionStage<Boolean> release(Token token) {
        Record held = held(token);
        if (held != null) {
            records.remove(new Key(token.scope(), token.key()));
        }
        return CompletableFuture.completedFuture(held != null);
    }

    @Override
    public synchronized CompletionStage<Boolean> renew(Token token, Duration lease) {
        positive(lease, "lease");
        Record held = held(token);
        if (held != null) {
            records.put(new Key(token.scope(), token.key()), new Record(held.fingerprint(), held.claimedAt(),
                    held.holder(), clock.instant().plus(lease), null));
        }
        return CompletableFuture.completedFuture(held != null);
    }

    @Override
    public synchronized CompletionStage<Integer> prune(Instant before) {
        Objects.requireNonNull(before, "before");
        int size = records.size();
        records.values().removeIf(r -> r.claimedAt().isBefore(before));
        return CompletableFuture.completedFuture(size - records.size());
    }

    /** How many records are kept (for tests and metrics). */
    public synchronized int size() {
        return records.size();
    }

    /** The record {@code token} holds now: its claim, not completed, lease current. */
    private Record held(Token token) {
        Objects.requireNonNull(token, "token");
        Record record = records.get(new Key(token.scope(), token.key()));
        Instant now = clock.instant();
        boolean holds = record != null && token.claim().equals(record.holder()) && record.document() == null
                && record.leaseUntil().isAfter(now) && !expired(record, now);
        return holds ? record : null;
    }

    private boolean expired(Record record, Instant now) {
        return !record.claimedAt().plus(window).isAfter(now);
    }

    private static Duration positive(Duration duration, String what) {
        Objects.requireNonNull(duration, what);
        if (duration.isNegative() || duration.isZero()) {
            throw new IllegalArgumentException(what + " must be more than zero: " + duration);
        }
        return duration;
    }
}
