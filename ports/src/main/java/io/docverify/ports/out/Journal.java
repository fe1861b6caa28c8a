package io.docverify.ports.out;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CompletionStage;

/**
 * The append-only audit journal: every upload attempt (recorded when it starts, before anything is sent to the
 * provider, and its outcome when it ends, before the client gets its answer) and every change of a document or an
 * owner (a review decision, an owner's new status) with where it came from. Entries are never changed, and removed
 * only by {@link #prune} (a retention policy the operator sets; unset, they are kept); an auditor reads a
 * document's or an owner's history through {@link #history}. It never holds file bytes, file names or secrets: the
 * idempotency key only as its {@link KeyHash}, the calling key only by name.
 *
 * <p>Every entry has a sequence: unique, greater for a later entry, never reused. Replicas use it to catch up after
 * a lost notification ({@link #changesSince}). Where a durable journal runs several writers at once, an entry may
 * become visible a moment after an entry with a greater sequence (two commits racing); a reader catching up treats
 * entries as hints to re-read, and may read from a little before the last sequence it saw.
 *
 * <p>An upload attempt that has no end while the lease of the replica that started it has expired (the replica
 * died in the middle) reads as {@link JournalEntry.AttemptStatus#ABANDONED}. A replica keeps its lease with
 * {@link #renewLease} (before its first upload, then well within the lease).
 *
 * <p>Implementations are thread-safe and never block the calling thread on I/O. A stage that cannot record fails with
 * {@link StoreUnavailableException} and records nothing; a caller then refuses its request with a retryable status.
 * A stage given bad arguments (an unknown attempt, a second end of one attempt) fails with
 * {@link IllegalArgumentException} or {@link IllegalStateException} and changes nothing. A shared behaviour suite
 * (the ports test-jar's {@code JournalContract}) checks every implementation.
 */
public interface Journal {
    /** The most entries {@link #changesSince} answers at once. */
    int MAX_CHANGES = HistoryQuery.MAX_LIMIT;

    /** Records an upload's start; the answer is its attempt id (its entry's sequence). */
    CompletionStage<Long> uploadStarted(UploadAttempt attempt);

    /**
     * Records how attempt {@code attemptId} ended; the answer is the end's own sequence. An attempt ends once: a
     * second end fails with {@link IllegalStateException}, an unknown attempt with {@link IllegalArgumentException}.
     */
    CompletionStage<Long> uploadEnded(long attemptId, UploadOutcome outcome);

    /** Records a change of a document or an owner; the answer is its sequence. */
    CompletionStage<Long> changed(DocumentChange change);

    /** One page of a document's or an owner's history, oldest first. */
    CompletionStage<HistoryPage> history(HistoryQuery query);

    /**
     * Up to {@code limit} (1 to {@link #MAX_CHANGES}) entries of any subject with a sequence greater than
     * {@code sequence}, oldest first: what a replica that may have missed notifications reads to catch up.
     */
    CompletionStage<List<JournalEntry>> changesSince(long sequence, int limit);

    /**
     * Replica {@code replica} is alive for {@code lease} from now: its unended attempts read as running until then.
     * {@code lease} is more than zero.
     */
    CompletionStage<Void> renewLease(String replica, Duration lease);

    /**
     * Removes the entries recorded before {@code before}, for a retention policy; the answer is how many. An upload
     * attempt goes with its end: a start whose end was recorded at or after {@code before} is kept, and so is the
     * end of a start that is kept. Sequences are never reused, so a reader catching up sees only a gap.
     */
    CompletionStage<Long> prune(Instant before);
}
