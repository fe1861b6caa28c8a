package io.docverify.adapter.inmemory;

import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import io.docverify.domain.DocumentType;
import io.docverify.domain.IdempotencyKey;
import io.docverify.domain.upload.Fingerprint;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Dwolla's idempotency keys: a key is claimed when a request starts; while that request runs, a repeat is a
 * conflict; once it succeeded, a repeat of the same request within the window gets the original document; if
 * it failed, the key is released so the request can be tried again.
 */
final class IdempotencyRegistry {
    private static final int PURGE_EVERY = 1024;

    /** What makes two uploads "the same request". */
    record RequestFingerprint(OwnerId owner, DocumentType type, Fingerprint file) {
    }

    sealed interface Entry permits InFlight, Completed {
        Instant at();
    }

    record InFlight(Instant at) implements Entry {
    }

    record Completed(Instant at, RequestFingerprint request, DocumentId document) implements Entry {
    }

    /** The outcome of claiming a key. */
    sealed interface Claim permits Claimed, Conflict, Replay {
    }

    /** The key was free and is now this request's. */
    record Claimed() implements Claim {
    }

    /** Another request with this key is still running. */
    record Conflict() implements Claim {
    }

    /** The key already produced a document. */
    record Replay(RequestFingerprint request, DocumentId document) implements Claim {
    }

    private final ConcurrentHashMap<IdempotencyKey, Entry> entries = new ConcurrentHashMap<>();
    private final Duration window;
    private final Clock clock;
    private final AtomicInteger claimsSincePurge = new AtomicInteger();

    IdempotencyRegistry(Duration window, Clock clock) {
        this.window = window;
        this.clock = clock;
    }

    Claim claim(IdempotencyKey key) {
        Instant now = clock.instant();
        if (claimsSincePurge.incrementAndGet() >= PURGE_EVERY) {
            claimsSincePurge.set(0);
            entries.values().removeIf(e -> expired(e, now));
        }
        Claim[] outcome = new Claim[1];
        entries.compute(key, (k, existing) -> {
            // An expired entry is free again, also one whose request never finished (a stream abandoned without
            // an error): Dwolla's keys live 24 hours, in flight or not.
            if (existing == null || expired(existing, now)) {
                outcome[0] = new Claimed();
                return new InFlight(now);
            }
            if (existing instanceof Completed done) {
                outcome[0] = new Replay(done.request(), done.document());
                return existing;
            }
            outcome[0] = new Conflict();
            return existing;
        });
        return outcome[0];
    }

    void complete(IdempotencyKey key, RequestFingerprint request, DocumentId document) {
        entries.put(key, new Completed(clock.instant(), request, document));
    }

    void clear() {
        entries.clear();
    }

    void release(IdempotencyKey key) {
        entries.computeIfPresent(key, (k, existing) -> existing instanceof InFlight ? null : existing);
    }

    int size() {
        return entries.size();
    }

    private boolean expired(Entry entry, Instant now) {
        return entry.at().plus(window).isBefore(now);
    }
}
