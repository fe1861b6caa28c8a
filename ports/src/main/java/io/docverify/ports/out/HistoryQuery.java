package io.docverify.ports.out;

import io.docverify.domain.DocumentId;
import io.docverify.domain.OwnerId;
import java.util.Objects;

/**
 * A page of one document's or one owner's history in the {@link Journal}: the entries after {@code after} (a
 * sequence; 0 for the beginning), oldest first, at most {@code limit}.
 *
 * @param subject whose history
 * @param after   the cursor: only entries with a greater sequence; not negative
 * @param limit   1 to {@link #MAX_LIMIT} entries
 */
public record HistoryQuery(Subject subject, long after, int limit) {
    /** The most entries one page holds. */
    public static final int MAX_LIMIT = 500;
    /** The page size unless one is asked for. */
    public static final int DEFAULT_LIMIT = 100;

    /** Whose history: a document's or an owner's. */
    public sealed interface Subject permits OfDocument, OfOwner {
    }

    /**
     * A document's history: its upload (the attempt's start and end), its reviews; and any later upload answered
     * with it.
     */
    public record OfDocument(DocumentId document) implements Subject {
        public OfDocument {
            Objects.requireNonNull(document, "document");
        }
    }

    /** An owner's history: every upload attempt for it (ended, running or abandoned), its documents' reviews and
     * its status changes. */
    public record OfOwner(OwnerId owner) implements Subject {
        public OfOwner {
            Objects.requireNonNull(owner, "owner");
        }
    }

    public HistoryQuery {
        Objects.requireNonNull(subject, "subject");
        if (after < 0) {
            throw new IllegalArgumentException("after must not be negative: " + after);
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw new IllegalArgumentException("limit must be 1 to " + MAX_LIMIT + ": " + limit);
        }
    }

    /** The first page of a document's history. */
    public static HistoryQuery of(DocumentId document) {
        return new HistoryQuery(new OfDocument(document), 0, DEFAULT_LIMIT);
    }

    /** The first page of an owner's history. */
    public static HistoryQuery of(OwnerId owner) {
        return new HistoryQuery(new OfOwner(owner), 0, DEFAULT_LIMIT);
    }

    /** The same query from another cursor. */
    public HistoryQuery after(long sequence) {
        return new HistoryQuery(subject, sequence, limit);
    }

    /** The same query with another page size. */
    public HistoryQuery limit(int entries) {
        return new HistoryQuery(subject, after, entries);
    }
}
