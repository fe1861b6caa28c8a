package io.docverify.application;

import io.docverify.domain.DocumentId;
import io.docverify.domain.DocumentState;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What this process last knew of recently seen documents' states, for at most {@code capacity} documents (the
 * least recently seen is forgotten first). A state only moves from pending to reviewed: a pending read after a
 * reviewed one (a late or out-of-order event, or a slower read finishing last) is no change and is not recorded.
 */
final class KnownDocuments {
    private final int capacity;
    private final LinkedHashMap<DocumentId, DocumentState> states;

    KnownDocuments(int capacity) {
        if (capacity < 1) {
            throw new IllegalArgumentException("capacity must be at least 1: " + capacity);
        }
        this.capacity = capacity;
        this.states = new LinkedHashMap<>(16, 0.75f, true) {
            private static final long serialVersionUID = 1L;

            @Override
            protected boolean removeEldestEntry(Map.Entry<DocumentId, DocumentState> eldest) {
                return size() > KnownDocuments.this.capacity;
            }
        };
    }

    /**
     * Whether an event of {@code topic} about {@code id} could bring news, so that the document must be read: not
     * when this process already knows the document and the event can announce no state beyond the one known (an
     * {@code _uploaded} event announces pending, which a known document is or has left; a reviewed state is final).
     * A document not known, or known pending with an event announcing its review, must be read.
     */
    synchronized boolean couldBeNews(DocumentId id, boolean announcesReview) {
        DocumentState known = states.get(id);
        return known == null || (known == DocumentState.Pending.INSTANCE && announcesReview);
    }

    /** Records {@code state} as read; true if it is news (unknown before, or pending before and now reviewed). */
    synchronized boolean changed(DocumentId id, DocumentState state) {
        DocumentState known = states.get(id);
        if (known == null) {
            states.put(id, state);
            return true;
        }
        if (known == DocumentState.Pending.INSTANCE && state != DocumentState.Pending.INSTANCE) {
            states.put(id, state);
            return true;
        }
        return false;
    }

    /** Forgets {@code id}'s state (its change could not be recorded: the next read is news again). */
    synchronized void forget(DocumentId id) {
        states.remove(id);
    }

    synchronized int size() {
        return states.size();
    }
}
