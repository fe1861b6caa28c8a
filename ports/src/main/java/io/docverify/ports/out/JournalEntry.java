package io.docverify.ports.out;

import io.docverify.domain.OwnerId;
import java.time.Instant;
import java.util.Objects;

/**
 * One entry of the {@link Journal}, at its place in the journal's one order ({@link #sequence()}: greater is later,
 * unique across the journal, never reused).
 */
public sealed interface JournalEntry permits JournalEntry.UploadStarted, JournalEntry.UploadEnded,
        JournalEntry.Changed {
    /** The entry's place in the journal. */
    long sequence();

    /** The owner it concerns. */
    OwnerId owner();

    /** When it happened: an attempt's start, an attempt's end, or the change. */
    Instant at();

    /** Where an upload attempt stands, as of the read. */
    enum AttemptStatus {
        /** Not ended, and its replica's lease is current: the upload may still be running. */
        RUNNING,
        /** Its outcome is recorded. */
        ENDED,
        /** Not ended, and its replica's lease expired (or was never taken): the replica died in the middle. */
        ABANDONED
    }

    /**
     * An upload started; its attempt id is its {@link #sequence()}.
     *
     * @param status where it stands as of the read
     */
    record UploadStarted(long sequence, UploadAttempt attempt, AttemptStatus status) implements JournalEntry {
        public UploadStarted {
            Objects.requireNonNull(attempt, "attempt");
            Objects.requireNonNull(status, "status");
        }

        /** The id {@link Journal#uploadEnded} takes. */
        public long attemptId() {
            return sequence;
        }

        @Override
        public OwnerId owner() {
            return attempt.owner();
        }

        @Override
        public Instant at() {
            return attempt.startedAt();
        }
    }

    /** The upload started at entry {@code attemptId} ended. */
    record UploadEnded(long sequence, long attemptId, OwnerId owner, UploadOutcome outcome) implements JournalEntry {
        public UploadEnded {
            Objects.requireNonNull(owner, "owner");
            Objects.requireNonNull(outcome, "outcome");
        }

        @Override
        public Instant at() {
            return outcome.endedAt();
        }
    }

    /** A document or an owner changed. */
    record Changed(long sequence, DocumentChange change) implements JournalEntry {
        public Changed {
            Objects.requireNonNull(change, "change");
        }

        @Override
        public OwnerId owner() {
            return change.owner();
        }

        @Override
        public Instant at() {
            return change.at();
        }
    }
}
