package io.docverify.ports.out;

import io.docverify.domain.DocumentId;
import java.time.Duration;
import java.time.Instant;
import java.util.Objects;
import java.util.concurrent.CompletionStage;

/**
 * docverify's own idempotency: a client that retries an upload with the same idempotency key, on this replica or
 * another, gets the first upload's document instead of a second one, or {@link Running} (answered {@code Conflict})
 * while the first is still running.
 *
 * <p>A key is claimed within a scope (the calling API key's name: two callers' keys never meet) and held by the
 * claim's {@link Token}: the holder completes it with the document, or releases it (the upload failed or was
 * cancelled: the key is free again). A claim holds a lease: if its replica dies, the lease runs out and the key can
 * be claimed again. A record is kept for the implementation's window (24 hours by default, as Dwolla's own
 * idempotency) from its claim: after it the key is free again, and {@link #prune} removes it.
 *
 * <p>The request's fingerprint (a digest of what the request asks: owner, type, declared file) tells a true retry from
 * a reuse: the same key with another fingerprint is a {@link Mismatch}.
 *
 * <p>Implementations are thread-safe and atomic (of two claims of one free key at once, exactly one is
 * {@link Claimed}) and never block the calling thread on I/O. A stage that cannot answer fails with
 * {@link StoreUnavailableException} and changes nothing. A shared behaviour suite (the ports test-jar's
 * {@code IdempotencyRecordsContract}) checks every implementation.
 */
public interface IdempotencyRecords {
    /** What {@link #claim} found. */
    sealed interface Claim permits Claimed, Running, Completed, Mismatch {
    }

    /** The key was free; the caller holds it now and must complete or release it. */
    record Claimed(Token token) implements Claim {
        public Claimed {
            Objects.requireNonNull(token, "token");
        }
    }

    /** Another claim of the key holds it, its lease running until {@code leaseUntil}. */
    record Running(Instant leaseUntil) implements Claim {
        public Running {
            Objects.requireNonNull(leaseUntil, "leaseUntil");
        }
    }

    /** The key's first upload completed with {@code document}: answer with it. */
    record Completed(DocumentId document) implements Claim {
        public Completed {
            Objects.requireNonNull(document, "document");
        }
    }

    /** The key was used, within the window, for a request with another fingerprint. */
    record Mismatch() implements Claim {
    }

    /**
     * A held claim: which key, and the holder's own secret-free token ({@code claim}: random, unique per claim), so a
     * holder whose lease ran out and whose key was claimed again cannot complete or release the new claim.
     */
    record Token(String scope, KeyHash key, String claim) {
        public Token {
            StoreValues.name(scope, "scope");
            Objects.requireNonNull(key, "key");
            StoreValues.name(claim, "claim");
        }

        @Override
        public String toString() {
            return "Token[" + scope + ", " + key.hex().substring(0, 12) + "…]";
        }
    }

    /**
     * Claims {@code key} within {@code scope} (1 to 128 printable characters) for a request with
     * {@code fingerprint} (1 to 128 printable characters), holding it for {@code lease} (more than zero) unless
     * renewed.
     */
    CompletionStage<Claim> claim(String scope, KeyHash key, String fingerprint, Duration lease);

    /**
     * Completes the held claim with the document: later claims of the key (within the window) are
     * {@link Completed}. False (and nothing changes) when the token no longer holds the key.
     */
    CompletionStage<Boolean> complete(Token token, DocumentId document);

    /** Frees the key of a held claim (the upload failed or was cancelled). False when the token no longer holds it. */
    CompletionStage<Boolean> release(Token token);

    /** Holds the claim for {@code lease} more from now. False when the token no longer holds the key. */
    CompletionStage<Boolean> renew(Token token, Duration lease);

    /** Removes the records claimed before {@code before}; the answer is how many. */
    CompletionStage<Integer> prune(Instant before);
}
